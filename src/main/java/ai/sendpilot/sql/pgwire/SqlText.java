package ai.sendpilot.sql.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The lexical work on SQL text the endpoint needs: splitting a simple query into statements,
 * telling comment-only text, the leading keyword, and PostgreSQL's {@code $n} placeholders
 * turned into JDBC's {@code ?}. Quotes, dollar quotes and comments are respected.
 */
final class SqlText {
  private SqlText() {
  }

  /** A statement with PostgreSQL's {@code $n} placeholders replaced by {@code ?}. */
  record Placeholders(String sql, int[] parameterOfMarker, int parameterCount) {
  }

  /** The statements of a simple query; comment-only and empty ones are dropped. */
  static List<String> split(String text) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ';') {
        add(statements, text.substring(start, i));
        start = ++i;
      } else {
        i = skip(text, i);
      }
    }
    add(statements, text.substring(start));
    return statements;
  }

  private static void add(List<String> statements, String statement) {
    if (!isEmpty(statement)) {
      statements.add(statement.strip());
    }
  }

  /** Whether the text holds nothing but white space and comments. */
  static boolean isEmpty(String text) {
    return firstWord(text).isEmpty();
  }

  /** The first word outside comments, upper case; empty when there is none. */
  static String firstWord(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (startsComment(text, i)) {
        i = skip(text, i);
      } else {
        int end = i;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
          end++;
        }
        return end == i ? text.substring(i, i + 1) : text.substring(i, end)
            .toUpperCase(Locale.ROOT);
      }
    }
    return "";
  }

  /** The text with {@code $1}, {@code $2}… outside quotes and comments turned into {@code ?}. */
  static Placeholders placeholders(String text) {
    return placeholders(text, n -> null);
  }

  /**
   * As {@link #placeholders(String)}, with {@code CAST(? AS type)} where {@code castOf} names a
   * type for the parameter.
   */
  static Placeholders placeholders(String text, IntFunction<String> castOf) {
    StringBuilder sql = new StringBuilder(text.length());
    List<Integer> markers = new ArrayList<>();
    int highest = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))
          && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))
              && text.charAt(i - 1) != '_')) {
        int end = i + 1;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
          end++;
        }
        int number;
        try {
          number = Integer.parseInt(text.substring(i + 1, end));
        } catch (NumberFormatException e) {
          number = Integer.MAX_VALUE;
        }
        if (number < 1 || number > Short.MAX_VALUE) {
          throw new IllegalArgumentException("there is no parameter $"
              + text.substring(i + 1, end));
        }
        markers.add(number);
        highest = Math.max(highest, number);
        String cast = castOf.apply(number);
        sql.append(cast == null ? "?" : "CAST(? AS " + cast + ")");
        i = end;
      } else {
        int next = skip(text, i);
        sql.append(text, i, next);
        i = next;
      }
    }
    return new Placeholders(sql.toString(),
        markers.stream().mapToInt(Integer::intValue).toArray(), highest);
  }

  private static boolean startsComment(String text, int i) {
    return text.startsWith("--", i) || text.startsWith("/*", i);
  }

  /** The index after the token at {@code i}: a quoted string, a comment or one character. */
  private static int skip(String text, int i) {
    char c = text.charAt(i);
    if (c == '\'' || c == '"') {
      int end = i + 1;
      while (end < text.length()) {
        if (text.charAt(end) == c) {
          if (end + 1 < text.length() && text.charAt(end + 1) == c) {
            end += 2;
            continue;
          }
          return end + 1;
        }
        if (c == '\'' && text.charAt(end) == '\\' && isEscapeString(text, i)) {
          end++;
        }
        end++;
      }
      return text.length();
    }
    if (text.startsWith("--", i)) {
      int end = text.indexOf('\n', i);
      return end < 0 ? text.length() : end + 1;
    }
    if (text.startsWith("/*", i)) {
      int depth = 1;
      int end = i + 2;
      while (end < text.length() && depth > 0) {
        if (text.startsWith("/*", end)) {
          depth++;
          end += 2;
        } else if (text.startsWith("*/", end)) {
          depth--;
          end += 2;
        } else {
          end++;
        }
      }
      return end;
    }
    if (c == '$' && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
      int tagEnd = text.indexOf('$', i + 1);
      if (tagEnd > 0 && text.substring(i + 1, tagEnd).chars()
          .allMatch(ch -> Character.isLetter(ch) || ch == '_')) {
        String tag = text.substring(i, tagEnd + 1);
        int close = text.indexOf(tag, tagEnd + 1);
        return close < 0 ? text.length() : close + tag.length();
      }
    }
    return i + 1;
  }

  private static boolean isEscapeString(String text, int quote) {
    return quote > 0 && (text.charAt(quote - 1) == 'E' || text.charAt(quote - 1) == 'e');
  }
}
