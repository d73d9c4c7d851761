package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.CachingPageFetcher;
import ai.sendpilot.sql.client.PageFetcher;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.calcite.DataContext;

/**
 * Decides which scans share pages: every scan of one statement always (a self-join or
 * conversations joined to participants costs one scan), and scans of the connection's later
 * statements too while a page is younger than the time to live.
 */
public final class PageSharing {
  /** Pages one statement may keep at most when nothing is shared across statements. */
  private static final Duration STATEMENT_LIFETIME = Duration.ofHours(1);

  private final PageFetcher client;
  private final long maxConversations;
  private final PageFetcher connectionCache;
  private final Cache<DataContext, PageFetcher> statementCaches =
      CacheBuilder.newBuilder().weakKeys().build();

  public PageSharing(PageFetcher client, Duration timeToLive, long maxConversations) {
    this.client = client;
    this.maxConversations = maxConversations;
    this.connectionCache = timeToLive.isZero() || maxConversations == 0 ? null
        : new CachingPageFetcher(client, timeToLive, maxConversations);
  }

  /** The fetcher for the scans of the statement whose data context is {@code root}. */
  public PageFetcher forStatement(DataContext root) {
    if (connectionCache != null) {
      return connectionCache;
    }
    if (maxConversations == 0) {
      return client;
    }
    try {
      return statementCaches.get(root,
          () -> new CachingPageFetcher(client, STATEMENT_LIFETIME, maxConversations));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
