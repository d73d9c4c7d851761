package ai.sendpilot.sql.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses statements that would change data or schemas, before Calcite plans them: the API
 * offers no writes, and Calcite's own answer to them is a page of planner output.
 */
final class ReadOnlySql {
  /** SQLState 25006: read-only SQL transaction. */
  static final String READ_ONLY = "25006";

  private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE",
      "UPSERT", "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE", "COMMENT");

  private ReadOnlySql() {
  }

  /**
   * Checks {@code sql} reads only.
   *
   * @throws SQLException with SQLState {@value #READ_ONLY} when its first word is a write's
   */
  static void check(String sql) throws SQLException {
    String verb = firstWord(sql);
    if (WRITES.contains(verb)) {
      throw new SQLException("SendPilot is read-only: " + verb + " statements are not supported",
          READ_ONLY);
    }
  }

  /** The first word of {@code sql}, upper-cased, after blanks, comments and parentheses. */
  static String firstWord(String sql) {
    if (sql == null) {
      return "";
    }
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return sql.substring(start, i).toUpperCase(Locale.ROOT);
  }
}
