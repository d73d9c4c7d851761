package ai.sendpilot.sql.client;

import java.util.concurrent.CompletableFuture;

/** Something that fetches conversation pages; cancelling a returned future abandons its fetch. */
public interface PageFetcher {
  CompletableFuture<ConversationPage> fetch(PageRequest request);

  /** The page size of unlimited scans. */
  int pageSize();

  /** Method, path and query of the request for {@code request}, for messages. */
  String describe(PageRequest request);
}
