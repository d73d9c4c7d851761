package ai.sendpilot.sql.client;

import java.util.concurrent.CompletableFuture;

/** Something that fetches pages of a conversation's messages; cancelling abandons the fetch. */
public interface MessageFetcher {
  /** Starts fetching a page of messages. */
  CompletableFuture<MessagePage> fetchMessages(MessagePageRequest request);

  /** Pages in a row that may bring no message, yet say there is more, before giving up. */
  int maxEmptyPages();

  /** The most requests of one key in flight at once, which bounds how many threads are read. */
  int maxConcurrentRequests();

  /** Method, path and query of the request for {@code request}, for messages. */
  String describe(MessagePageRequest request);
}
