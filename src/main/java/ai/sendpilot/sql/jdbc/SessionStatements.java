package ai.sendpilot.sql.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's session statements, which tools send on their own: {@code SET}, {@code SHOW} and
 * {@code RESET} of session settings ({@code search_path} sets the schema,
 * {@code statement_timeout} the query timeout of later statements) and {@code BEGIN},
 * {@code COMMIT}, {@code ROLLBACK} and the like, no-ops on a read-only database. The settings
 * live per connection; {@code SHOW} answers one row, as PostgreSQL does.
 */
final class SessionStatements {
  /** Defaults of the settings {@code SHOW} and {@code current_setting} know, by lower name. */
  static final Map<String, String> DEFAULTS = defaults();

  private static final Pattern LEADING_COMMENTS =
      Pattern.compile("^(\\s*(--[^\\n]*(\\n|$)|/\\*.*?\\*/))*\\s*", Pattern.DOTALL);
  private static final Pattern TRANSACTION = Pattern.compile(
      "(?i)(begin|start\\s+transaction|commit|end|rollback|abort|savepoint|release|discard)"
          + "\\b.*", Pattern.DOTALL);
  private static final Pattern SET = Pattern.compile(
      "(?i)set\\s+(?:session\\s+|local\\s+)?(?:(time\\s+zone)\\s+|([\\w.]+)\\s*(?:=|\\bto\\b)\\s*)"
          + "(.*)", Pattern.DOTALL);
  private static final Pattern SET_CHARACTERISTICS = Pattern.compile(
      "(?i)set\\s+(session\\s+characteristics|transaction)\\b.*", Pattern.DOTALL);
  private static final Pattern SHOW = Pattern.compile(
      "(?i)show\\s+(transaction\\s+isolation\\s+level|time\\s+zone|[\\w.]+)", Pattern.DOTALL);
  private static final Pattern RESET = Pattern.compile("(?i)reset\\s+(all|time\\s+zone|[\\w.]+)",
      Pattern.DOTALL);

  private final Map<String, String> values = new LinkedHashMap<>();

  /** What a statement's text asks, if it is a session statement. */
  sealed interface Request permits Show, Change {
  }

  /** {@code SHOW name}: answer one row with the setting's value in a column called {@code name}. */
  record Show(String column, String value) implements Request {
  }

  /** A statement that changes the session (or nothing) and returns no rows. */
  record Change(String name, String value) implements Request {
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("application_name", "");
    d.put("client_encoding", "UTF8");
    d.put("datestyle", "ISO, MDY");
    d.put("default_transaction_read_only", "on");
    d.put("extra_float_digits", "1");
    d.put("integer_datetimes", "on");
    d.put("intervalstyle", "postgres");
    d.put("lc_collate", "C");
    d.put("lc_ctype", "C");
    d.put("max_identifier_length", "63");
    d.put("search_path", "sendpilot");
    d.put("server_encoding", "UTF8");
    d.put("server_version", PostgresCatalogFunctions.SERVER_VERSION);
    d.put("server_version_num", PostgresCatalogFunctions.SERVER_VERSION_NUM);
    d.put("standard_conforming_strings", "on");
    d.put("statement_timeout", "0");
    d.put("timezone", "UTC");
    d.put("transaction_isolation", "read committed");
    d.put("transaction_read_only", "on");
    return Map.copyOf(d);
  }

  /**
   * What {@code sql} asks, if it is a session statement; empty for any other statement.
   *
   * @throws SQLException 42704 for SHOW of a setting PostgreSQL would not know
   */
  synchronized Optional<Request> recognise(String sql) throws SQLException {
    String text = statement(sql);
    if (TRANSACTION.matcher(text).matches() || SET_CHARACTERISTICS.matcher(text).matches()) {
      return Optional.of(new Change(null, null));
    }
    Matcher set = SET.matcher(text);
    if (set.matches()) {
      String name = set.group(1) != null ? "timezone" : name(set.group(2));
      String value = unquote(set.group(3).strip());
      if (value.equalsIgnoreCase("default") || value.equalsIgnoreCase("local")) {
        values.remove(name);
      } else {
        values.put(name, value);
      }
      return Optional.of(new Change(name, value(name)));
    }
    Matcher reset = RESET.matcher(text);
    if (reset.matches()) {
      String name = name(reset.group(1));
      if (name.equals("all")) {
        values.clear();
      } else {
        values.remove(name);
      }
      return Optional.of(new Change(name, name.equals("all") ? null : value(name)));
    }
    Matcher show = SHOW.matcher(text);
    if (show.matches()) {
      String name = name(show.group(1));
      String value = value(name);
      if (value == null) {
        throw new SQLException("unrecognized configuration parameter \"" + show.group(1)
            + "\"", "42704");
      }
      return Optional.of(new Show(column(show.group(1), name), value));
    }
    return Optional.empty();
  }

  /** The setting's value in this session, or null if it has none. */
  synchronized String value(String name) {
    String key = name(name);
    return values.getOrDefault(key, DEFAULTS.get(key));
  }

  /** The statement timeout in whole seconds (rounded up), 0 for none. */
  int statementTimeoutSeconds() throws SQLException {
    String value = value("statement_timeout");
    Matcher m = Pattern.compile("(?i)\\s*(\\d+)\\s*(ms|s|min)?\\s*").matcher(value);
    if (!m.matches()) {
      throw new SQLException("invalid value for parameter \"statement_timeout\": \"" + value
          + "\"", "22023");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
    long millis = switch (unit) {
      case "s" -> amount * 1000;
      case "min" -> amount * 60_000;
      default -> amount;
    };
    return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
  }

  /** The SQL a SHOW runs through Calcite to answer its one row. */
  static String showQuery(Show show) {
    return "select cast('" + show.value().replace("'", "''") + "' as varchar) as \""
        + show.column().replace("\"", "\"\"") + "\"";
  }

  /** Applies a change to {@code statement}'s connection where it has an effect there. */
  static void apply(Change change, Statement statement) throws SQLException {
    if ("search_path".equals(change.name()) && change.value() != null) {
      String first = change.value().split(",")[0].strip();
      first = unquote(first.replace("\"", ""));
      if (!first.isEmpty() && !first.equals("$user")) {
        statement.getConnection().setSchema(first);
      }
    }
  }

  private static String column(String written, String name) {
    return switch (name) {
      case "timezone" -> "TimeZone";
      case "datestyle" -> "DateStyle";
      case "intervalstyle" -> "IntervalStyle";
      case "transaction_isolation" -> "transaction_isolation";
      default -> written.strip();
    };
  }

  private static String name(String written) {
    String name = written.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    return switch (name) {
      case "time zone" -> "timezone";
      case "transaction isolation level" -> "transaction_isolation";
      default -> name;
    };
  }

  private static String unquote(String value) {
    String v = value.endsWith(";") ? value.substring(0, value.length() - 1).strip() : value;
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
      return v.substring(1, v.length() - 1).replace("''", "'");
    }
    return v;
  }

  /** The statement without leading comments and a trailing semicolon. */
  private static String statement(String sql) {
    String text = LEADING_COMMENTS.matcher(sql).replaceFirst("").strip();
    while (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    return text;
  }
}
