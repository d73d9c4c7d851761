package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.client.ConversationPage;
import ai.sendpilot.sql.client.PageFetcher;
import ai.sendpilot.sql.client.PageListener;
import ai.sendpilot.sql.client.PageRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many pages the scans of one schema asked for and how many of those went to the API; the
 * difference is what page sharing saved. Retries of one page count once.
 */
public final class PageCounts {
  private final LongAdder read = new LongAdder();
  private final LongAdder fetched = new LongAdder();

  /** Pages the scans asked for. */
  public long pagesRead() {
    return read.sum();
  }

  /** Page requests sent to the API. */
  public long apiRequests() {
    return fetched.sum();
  }

  /** Pages answered by a page another scan had fetched or was fetching. */
  public long cacheHits() {
    return Math.max(0, pagesRead() - apiRequests());
  }

  /** {@code fetcher}, counting what scans ask of it. */
  PageFetcher reading(PageFetcher fetcher) {
    return new Counting(fetcher, read);
  }

  /** {@code fetcher}, counting what reaches the API through it. */
  PageFetcher fetching(PageFetcher fetcher) {
    return new Counting(fetcher, fetched);
  }

  /** A fetcher that counts its fetches. */
  private record Counting(PageFetcher delegate, LongAdder count) implements PageFetcher {
    @Override public CompletableFuture<ConversationPage> fetch(PageRequest request,
        PageListener early) {
      count.increment();
      return delegate.fetch(request, early);
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
  }
}
