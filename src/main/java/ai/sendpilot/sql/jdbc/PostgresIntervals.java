package ai.sendpilot.sql.jdbc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's interval literals with the unit inside the quotes ({@code interval '1 day'},
 * {@code interval '2 hours 30 minutes'}, {@code interval '1 week'}) written as Calcite's
 * ({@code INTERVAL '1' DAY}, a sum for several parts), in the text of a statement before it is
 * parsed; quoted strings, quoted names and comments are left alone.
 */
final class PostgresIntervals {
  private static final Pattern PART = Pattern.compile(
      "\\s*([-+]?\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]+)\\s*");
  private static final Map<String, String> UNITS = Map.ofEntries(
      Map.entry("YEAR", "YEAR"), Map.entry("Y", "YEAR"), Map.entry("MONTH", "MONTH"),
      Map.entry("MON", "MONTH"), Map.entry("WEEK", "WEEK"), Map.entry("W", "WEEK"),
      Map.entry("DAY", "DAY"), Map.entry("D", "DAY"), Map.entry("HOUR", "HOUR"),
      Map.entry("H", "HOUR"), Map.entry("HR", "HOUR"), Map.entry("MINUTE", "MINUTE"),
      Map.entry("MIN", "MINUTE"), Map.entry("M", "MINUTE"), Map.entry("SECOND", "SECOND"),
      Map.entry("SEC", "SECOND"), Map.entry("S", "SECOND"));

  private PostgresIntervals() {
  }

  /** {@code sql} with PostgreSQL's interval literals in Calcite's form. */
  static String rewrite(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = quotedEnd(sql, i, c);
        out.append(sql, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(sql, i, end);
        i = end;
      } else if (isKeyword(sql, i, "interval")) {
        int literal = skipSpace(sql, i + "interval".length());
        if (literal < n && sql.charAt(literal) == '\'') {
          int end = quotedEnd(sql, literal, '\'');
          String text = sql.substring(literal + 1, end - 1);
          String calcite = calcite(text);
          if (calcite != null && !followedByUnit(sql, end)) {
            out.append(calcite);
            i = end;
            continue;
          }
        }
        out.append(sql, i, i + "interval".length());
        i += "interval".length();
      } else if (Character.isJavaIdentifierPart(c)) {
        int end = i;
        while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) {
          end++;
        }
        out.append(sql, i, end);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Calcite's form of a PostgreSQL interval's text, or null if it is not one with units. */
  private static String calcite(String text) {
    Matcher m = PART.matcher(text);
    List<String> parts = new ArrayList<>();
    int at = 0;
    while (at < text.length() && m.find(at) && m.start() == at) {
      String unit = unit(m.group(2));
      if (unit == null) {
        return null;
      }
      String amount = m.group(1);
      if (unit.equals("WEEK")) {
        amount = new BigDecimal(amount).multiply(BigDecimal.valueOf(7)).toPlainString();
        unit = "DAY";
      }
      boolean negative = amount.startsWith("-");
      String digits = amount.replaceFirst("^[-+]", "");
      String literal = "INTERVAL '" + digits + "' " + unit;
      parts.add(negative ? "-" + literal : literal);
      at = m.end();
    }
    if (parts.isEmpty() || at != text.length()) {
      return null;
    }
    return parts.size() == 1 ? parts.get(0) : "(" + String.join(" + ", parts) + ")";
  }

  private static String unit(String word) {
    String upper = word.toUpperCase(Locale.ROOT);
    String unit = UNITS.get(upper);
    if (unit == null && upper.endsWith("S")) {
      unit = UNITS.get(upper.substring(0, upper.length() - 1));
    }
    return unit;
  }

  private static boolean followedByUnit(String sql, int from) {
    int word = skipSpace(sql, from);
    int end = word;
    while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    return end > word && UNITS.containsValue(sql.substring(word, end).toUpperCase(Locale.ROOT));
  }

  private static boolean isKeyword(String sql, int at, String word) {
    int end = at + word.length();
    return sql.regionMatches(true, at, word, 0, word.length())
        && (at == 0 || !Character.isJavaIdentifierPart(sql.charAt(at - 1)))
        && (end == sql.length() || !Character.isJavaIdentifierPart(sql.charAt(end)));
  }

  private static int skipSpace(String sql, int at) {
    int i = at;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The index after the quoted text starting at {@code start}; doubled quotes stay inside. */
  private static int quotedEnd(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }
}
