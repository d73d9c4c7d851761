package ai.sendpilot.sql.differential;

/**
 * How the driver's rows must relate to the reference database's. A window check is for a
 * LIMIT/OFFSET whose rows SQL leaves open (no ORDER BY, or ties in it): the reference runs
 * {@code fullSql} (the query without its outer LIMIT/OFFSET, same ORDER BY); the driver's rows
 * must be a window of it with the right size and sort keys, equal where no tie is cut.
 *
 * @param kind what is compared
 * @param fullSql for a window, the query without the outer LIMIT and OFFSET
 * @param keyColumns for a window, how many leading columns are the ORDER BY keys (0: none)
 * @param offset for a window, its OFFSET, or null
 * @param fetch for a window, its LIMIT, or null
 * @param boundParameters for a window, how many trailing parameters are its OFFSET and LIMIT
 */
record Check(Kind kind, String fullSql, int keyColumns, Bound offset, Bound fetch,
    int boundParameters) {

  /** What is compared. */
  enum Kind {
    /** The same rows in any order. */
    UNORDERED,
    /** The same rows in the same order (the query has a total ORDER BY). */
    ORDERED,
    /** A window of the full result, see {@link Check}. */
    WINDOW
  }

  static Check unordered() {
    return new Check(Kind.UNORDERED, null, 0, null, null, 0);
  }

  static Check ordered() {
    return new Check(Kind.ORDERED, null, 0, null, null, 0);
  }

  static Check window(String fullSql, int keyColumns, Bound offset, Bound fetch) {
    int parameters = (offset != null && offset.literal() == null ? 1 : 0)
        + (fetch != null && fetch.literal() == null ? 1 : 0);
    return new Check(Kind.WINDOW, fullSql, keyColumns, offset, fetch, parameters);
  }
}
