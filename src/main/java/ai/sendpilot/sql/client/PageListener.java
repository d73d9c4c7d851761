package ai.sendpilot.sql.client;

/** Told the next page's continuation token as soon as a page arrives, before it is parsed. */
@FunctionalInterface
public interface PageListener {
  /** Ignores the early token. */
  PageListener NONE = token -> { };

  /**
   * The token of the page after this one.
   *
   * @param continuationToken the token, or null when this is the last page
   */
  void nextTokenKnown(String continuationToken);
}
