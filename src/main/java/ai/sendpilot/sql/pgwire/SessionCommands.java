package ai.sendpilot.sql.pgwire;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements a session answers itself, as PostgreSQL clients send them around their
 * queries: transaction control (the driver is read-only, so a transaction only changes the
 * status reported), {@code SET}, {@code SHOW}, {@code RESET}, {@code DISCARD},
 * {@code DEALLOCATE}, savepoints.
 */
final class SessionCommands {
  private static final Set<String> WORDS = Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK",
      "ABORT", "SET", "SHOW", "RESET", "DISCARD", "DEALLOCATE", "SAVEPOINT", "RELEASE");
  private static final Pattern SET = Pattern.compile(
      "(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?([A-Za-z_][\\w.]*)\\s*(?:=|\\s+TO\\s+)\\s*(.*?)"
          + "\\s*;?\\s*");
  private static final Pattern SET_TIME_ZONE =
      Pattern.compile("(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?TIME\\s+ZONE\\s+(.*?)\\s*;?\\s*");
  private static final Pattern SHOW = Pattern.compile("(?is)\\s*SHOW\\s+(.+?)\\s*;?\\s*");
  private static final Pattern DEALLOCATE =
      Pattern.compile("(?is)\\s*DEALLOCATE\\s+(?:PREPARE\\s+)?(\\S+?)\\s*;?\\s*");

  /** What a command does to the session: its tag, and the parameter it set, if any. */
  enum Kind { BEGIN, COMMIT, ROLLBACK, SET, SHOW, OTHER }

  /**
   * A command recognised.
   *
   * @param kind what it does
   * @param tag the CommandComplete tag
   * @param name the parameter set or shown, or the statement deallocated
   * @param value the value set
   */
  record Command(Kind kind, String tag, String name, String value) {
  }

  private SessionCommands() {
  }

  /** The command, or null when the statement is for the driver. */
  static Command match(String sql) {
    String word = SqlText.firstWord(sql);
    if (!WORDS.contains(word)) {
      return null;
    }
    String rest = sql.strip().substring(word.length()).strip().toUpperCase(Locale.ROOT);
    return switch (word) {
      case "BEGIN" -> new Command(Kind.BEGIN, "BEGIN", null, null);
      case "START" -> rest.startsWith("TRANSACTION")
          ? new Command(Kind.BEGIN, "START TRANSACTION", null, null) : null;
      case "COMMIT", "END" -> rest.startsWith("PREPARED") ? null
          : new Command(Kind.COMMIT, "COMMIT", null, null);
      case "ROLLBACK", "ABORT" -> rest.contains("TO ")
          ? new Command(Kind.OTHER, "ROLLBACK", null, null)
          : rest.startsWith("PREPARED") ? null : new Command(Kind.ROLLBACK, "ROLLBACK", null,
              null);
      case "SAVEPOINT" -> new Command(Kind.OTHER, "SAVEPOINT", null, null);
      case "RELEASE" -> new Command(Kind.OTHER, "RELEASE", null, null);
      case "SET" -> set(sql);
      case "RESET" -> new Command(Kind.OTHER, "RESET", null, null);
      case "DISCARD" -> new Command(Kind.OTHER, "DISCARD " + rest.split("\\s+")[0], null, null);
      case "DEALLOCATE" -> deallocate(sql);
      case "SHOW" -> show(sql);
      default -> null;
    };
  }

  private static Command set(String sql) {
    Matcher zone = SET_TIME_ZONE.matcher(sql);
    if (zone.matches()) {
      return new Command(Kind.SET, "SET", "TimeZone", unquote(zone.group(1)));
    }
    Matcher m = SET.matcher(sql);
    if (m.matches()) {
      return new Command(Kind.SET, "SET", m.group(1), unquote(m.group(2)));
    }
    // SET SESSION CHARACTERISTICS AS TRANSACTION ..., SET TRANSACTION ...: nothing to keep.
    return new Command(Kind.OTHER, "SET", null, null);
  }

  private static Command show(String sql) {
    Matcher m = SHOW.matcher(sql);
    return m.matches() ? new Command(Kind.SHOW, "SHOW", m.group(1).strip(), null) : null;
  }

  private static Command deallocate(String sql) {
    Matcher m = DEALLOCATE.matcher(sql);
    String name = m.matches() ? m.group(1) : "ALL";
    return new Command(Kind.OTHER, name.equalsIgnoreCase("ALL") ? "DEALLOCATE ALL"
        : "DEALLOCATE", name.equalsIgnoreCase("ALL") ? null : unquote(name), null);
  }

  private static String unquote(String value) {
    String v = value.strip();
    if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'")
        || v.startsWith("\"") && v.endsWith("\""))) {
      return v.substring(1, v.length() - 1).replace("''", "'");
    }
    return v;
  }

  /** The value {@code SHOW name} answers from the session's parameters, or null if unknown. */
  static String showValue(String name, Map<String, String> parameters) {
    String key = name.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      if (parameter.getKey().equalsIgnoreCase(key)) {
        return parameter.getValue();
      }
    }
    return switch (key) {
      case "transaction isolation level", "default_transaction_isolation",
          "transaction_isolation" -> "read committed";
      case "transaction_read_only" -> "on";
      case "search_path" -> "sendpilot, public";
      case "max_identifier_length" -> "63";
      case "lc_collate", "lc_ctype" -> "C";
      case "statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout" -> "0";
      case "extra_float_digits" -> "1";
      case "bytea_output" -> "hex";
      default -> null;
    };
  }
}
