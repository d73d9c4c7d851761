package ai.sendpilot.sql.client;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

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
    while (true) {
      SharedFetch shared;
      try {
        shared = pages.get(request, () -> start(request, early));
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
      CompletableFuture<ConversationPage> mine = shared.join();
      if (mine != null) {
        return mine;
      }
      pages.asMap().remove(request, shared);
    }
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

  @Override public int maxEmptyPages() {
    return delegate.maxEmptyPages();
  }

  @Override public String describe(PageRequest request) {
    return delegate.describe(request);
  }

  /** One fetch and the scans waiting for it. */
  private static final class SharedFetch {
    private final CompletableFuture<ConversationPage> source;
    private int waiting;
    private boolean abandoned;

    SharedFetch(CompletableFuture<ConversationPage> source) {
      this.source = source;
    }

    /**
     * A future of this fetch for one more scan, or null when every earlier scan gave it up and
     * it was cancelled (the caller then starts a new one). Cancelling the returned future lets
     * go of the fetch.
     */
    synchronized CompletableFuture<ConversationPage> join() {
      if (abandoned) {
        return null;
      }
      waiting++;
      CompletableFuture<ConversationPage> mine = new CompletableFuture<>();
      source.whenComplete((page, failure) -> {
        if (failure != null) {
          mine.completeExceptionally(failure);
        } else {
          mine.complete(page);
        }
      });
      mine.whenComplete((page, failure) -> release(mine.isCancelled()));
      return mine;
    }

    private synchronized void release(boolean cancelled) {
      waiting--;
      if (waiting == 0 && cancelled && !source.isDone()) {
        abandoned = true;
        source.cancel(true);
      }
    }
  }
}
