package ai.sendpilot.sql.scan;

import java.time.Duration;

/**
 * How the tables of one schema read pages.
 *
 * @param pageCacheTtl how long a page may be reused by later statements; zero: only within one
 * @param pageCacheMaxConversations the most conversations cached pages may hold; zero: no cache
 * @param nativeOrder whether ORDER BY last_activity_at DESC is answered from the API's order
 * @param maxMessageThreads the most conversations a messages scan without a conversation filter
 *     reads the messages of
 */
public record ScanOptions(Duration pageCacheTtl, long pageCacheMaxConversations,
    boolean nativeOrder, int maxMessageThreads) {
  /** The default number of message threads a scan may read. */
  public static final int DEFAULT_MAX_MESSAGE_THREADS = 500;

  /** Options with the default bound on message threads. */
  public ScanOptions(Duration pageCacheTtl, long pageCacheMaxConversations, boolean nativeOrder) {
    this(pageCacheTtl, pageCacheMaxConversations, nativeOrder, DEFAULT_MAX_MESSAGE_THREADS);
  }
}
