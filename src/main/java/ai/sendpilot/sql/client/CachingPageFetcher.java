package ai.sendpilot.sql.client;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shares pages between scans: a page request identical to one made within the time to live
 * (or still in flight) is answered by that request, not a new one. Memory is bounded by the
 * number of conversations the cached pages may hold. A fetch is cancelled only when every scan
 * waiting for it has given up; failures are not kept.
 */
public final class CachingPageFetcher implements PageFetcher {
  private final PageFetcher delegate;
  private final Cache<PageRequest, SharedFetch> pages;

  /**
   * Creates a cache in front of {@code delegate}.
   *
   * @param timeToLive how long a fetched page may be reused
   * @param maxConversations the most conversations the cached pages may hold together
   */
  public CachingPageFetcher(PageFetcher delegate, Duration timeToLive, long maxConversations) {
    this.delegate = delegate;
    this.pages = CacheBuilder.newBuilder()
        .expireAfterWrite(timeToLive)
        .maximumWeight(maxConversations)
        .weigher((PageRequest request, SharedFetch fetch) -> request.limit())
        .build();
  }

  @Override public CompletableFuture<ConversationPage> fetch(PageRequest request,
      PageListener early) {
    SharedFetch shared;
    try {
      shared = pages.get(request, () -> start(request, early));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    return shared.join();
  }

  private SharedFetch start(PageRequest request, PageListener early) {
    SharedFetch shared = new SharedFetch(delegate.fetch(request, early));
    shared.source.whenComplete((page, failure) -> {
      if (failure != null) {
        pages.asMap().remove(request, shared);
      }
    });
    return shared;
  }

  @Override public int pageSize() {
    return delegate.pageSize();
  }

  @Override public String describe(PageRequest request) {
    return delegate.describe(request);
  }

  /** One fetch and the scans waiting for it. */
  private static final class SharedFetch {
    private final CompletableFuture<ConversationPage> source;
    private final AtomicInteger waiting = new AtomicInteger();

    SharedFetch(CompletableFuture<ConversationPage> source) {
      this.source = source;
    }

    /** A future of this fetch for one more scan; cancelling it lets go of the fetch. */
    CompletableFuture<ConversationPage> join() {
      waiting.incrementAndGet();
      CompletableFuture<ConversationPage> mine = new CompletableFuture<>();
      source.whenComplete((page, failure) -> {
        if (failure != null) {
          mine.completeExceptionally(failure);
        } else {
          mine.complete(page);
        }
      });
      mine.whenComplete((page, failure) -> {
        if (waiting.decrementAndGet() == 0 && mine.isCancelled() && !source.isDone()) {
          source.cancel(true);
        }
      });
      return mine;
    }
  }
}
