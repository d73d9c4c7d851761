package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.QueryLimits;
import ai.sendpilot.sql.scan.QueryMemoryException;

/**
 * Checks, called by the generated code, that a string function's result stays within the
 * query's memory budget before the function makes it (two bytes a character, what a builder of
 * a string outside Latin-1 takes): each returns the argument it guards, unchanged, or fails
 * with {@link QueryMemoryException}. {@link StringBudgets} puts them in the plan.
 */
public final class BoundedStrings {
  private BoundedStrings() {
  }

  /** {@code n}, when {@code REPEAT(s, n)} fits in {@code budget} bytes. */
  public static Long repeatCount(Long n, String s, long budget) {
    if (n != null && s != null && n > 0) {
      check("REPEAT", Math.multiplyHigh(n, s.length()) != 0 ? Long.MAX_VALUE
          : n * s.length(), budget);
    }
    return n;
  }

  /** {@code n}, when {@code SPACE(n)}, {@code LPAD(s, n)} or {@code RPAD(s, n)} fits. */
  public static Long length(Long n, String function, long budget) {
    if (n != null && n > 0) {
      check(function, n, budget);
    }
    return n;
  }

  /** {@code right}, when {@code left || right} fits in {@code budget} bytes. */
  public static String concatRight(String right, String left, long budget) {
    if (right != null && left != null) {
      check("||", (long) left.length() + right.length(), budget);
    }
    return right;
  }

  /**
   * {@code replacement}, when {@code REPLACE(s, search, replacement)} fits: at most one
   * replacement for each place {@code search} appears, in any case.
   */
  public static String replacement(String replacement, String s, String search, long budget) {
    if (replacement == null || s == null || search == null || search.isEmpty()
        || replacement.length() <= search.length()) {
      return replacement;
    }
    long most = (long) s.length() / search.length() * replacement.length() + s.length();
    if (2 * most > budget) {
      long found = 0;
      for (int at = 0; at + search.length() <= s.length(); at++) {
        if (s.regionMatches(true, at, search, 0, search.length())) {
          found++;
          at += search.length() - 1;
        }
      }
      check("REPLACE", s.length() + found * (replacement.length() - search.length()), budget);
    }
    return replacement;
  }

  /** {@code value}, a function's result, when it fits (functions that add their inputs). */
  public static String made(String value, String function, long budget) {
    if (value != null) {
      check(function, value.length(), budget);
    }
    return value;
  }

  private static void check(String function, long characters, long budget) {
    long bytes = characters > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * characters;
    if (bytes > budget) {
      throw QueryMemoryException.value(function + " of " + characters + " characters", bytes,
          budgetOf(budget));
    }
  }

  /** The limits a budget in bytes came from, for the message. */
  private static QueryLimits budgetOf(long budget) {
    QueryLimits unset = QueryLimits.of(0, null);
    return unset.memoryBytes() == budget ? unset
        : new QueryLimits(0, budget, "maxQueryMemoryMb");
  }
}
