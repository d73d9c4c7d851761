package ai.sendpilot.sql.client;

/**
 * How many more items a stream may ask the API for, given the items it already holds; an item
 * is what the stream's consumer makes of a conversation, as it counts them.
 */
@FunctionalInterface
public interface FetchBudget {
  /** No limit. */
  FetchBudget UNLIMITED = heldItems -> Long.MAX_VALUE;

  /**
   * Items the stream may still ask for.
   *
   * @param heldItems items the stream has fetched or asked for that the consumer has not taken
   */
  long askable(long heldItems);
}
