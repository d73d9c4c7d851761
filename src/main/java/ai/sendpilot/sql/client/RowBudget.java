package ai.sendpilot.sql.client;

/** How many more rows a stream may ask the API for, given the rows it already holds. */
@FunctionalInterface
public interface RowBudget {
  /** No limit. */
  RowBudget UNLIMITED = heldRows -> Long.MAX_VALUE;

  /**
   * Rows the stream may still ask for.
   *
   * @param heldRows rows the stream has fetched or asked for that the consumer has not taken
   */
  long askable(long heldRows);
}
