package ai.sendpilot.sql.client;

import java.util.concurrent.CompletableFuture;

/** Something that fetches conversation pages; cancelling a returned future abandons its fetch. */
public interface PageFetcher {
  /**
   * Starts fetching a page.
   *
   * @param request the page
   * @param early told the next token as soon as the page arrives, before it is parsed
   */
  CompletableFuture<ConversationPage> fetch(PageRequest request, PageListener early);

  default CompletableFuture<ConversationPage> fetch(PageRequest request) {
    return fetch(request, PageListener.NONE);
  }

  /** The page size of unlimited scans. */
  int pageSize();

  /**
   * Pages in a row that may bring no new conversation, yet say there is more, before a stream
   * gives up instead of paging forever.
   */
  int maxEmptyPages();

  /** Method, path and query of the request for {@code request}, for messages. */
  String describe(PageRequest request);
}
