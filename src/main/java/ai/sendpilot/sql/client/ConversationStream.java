package ai.sendpilot.sql.client;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/**
 * Pages through the conversations of one account (or of all accounts) by continuation token,
 * one page ahead of the consumer: once the consumer is half-way through a page, the next one is
 * requested, so the round trip overlaps the consumer's work, while a query that reads only the
 * first rows never causes a second request. No request asks for more rows than the
 * {@link RowBudget} allows, and closing the stream cancels the request in flight.
 */
public final class ConversationStream implements AutoCloseable {
  private final PageFetcher fetcher;
  private final String accountId;
  private final RowBudget budget;
  private final ToIntFunction<Conversation> rowsOf;
  private final boolean newestFirst;
  private final ScanControl control;
  private final ArrayDeque<Conversation> buffer = new ArrayDeque<>();
  private final Set<String> tokensSeen = new HashSet<>();
  private final RecentIds recentIds = new RecentIds();
  private CompletableFuture<ConversationPage> pending;
  private PageRequest pendingRequest;
  private long heldRows;
  private String nextToken;
  private boolean lastPageRequested;
  private boolean closed;
  private int readAheadAt;
  private int pagesFetched;
  private java.time.Instant lastActivity;

  /**
   * Creates a stream and requests its first page.
   *
   * @param fetcher where pages come from
   * @param accountId the account to read, or null for every account of the workspace
   * @param budget how many rows the stream may still ask for
   * @param rowsOf rows the consumer makes of one conversation (what the budget counts)
   * @param newestFirst whether to fail if the API breaks its newest-activity-first order
   * @param control what can stop the stream from outside
   */
  public ConversationStream(PageFetcher fetcher, String accountId, RowBudget budget,
      ToIntFunction<Conversation> rowsOf, boolean newestFirst, ScanControl control) {
    this.fetcher = fetcher;
    this.accountId = accountId;
    this.budget = budget;
    this.rowsOf = rowsOf;
    this.newestFirst = newestFirst;
    this.control = control;
    requestNextPage();
  }

  /** Whether another conversation comes; waits for the API when the buffer is empty. */
  public boolean hasNext() {
    while (buffer.isEmpty()) {
      if (pending == null && !requestNextPage()) {
        return false;
      }
      takePendingPage();
    }
    return true;
  }

  /** Whether {@link #hasNext} would answer without waiting. */
  public boolean ready() {
    return !buffer.isEmpty() || pending == null || pending.isDone();
  }

  /** The request in flight, or null; for waiting on several streams at once. */
  public CompletableFuture<ConversationPage> pending() {
    return pending;
  }

  /** The next conversation, without taking it. */
  public Conversation peek() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.peek();
  }

  public Conversation next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    if (buffer.size() - 1 <= readAheadAt) {
      // Before taking the conversation: the budget still counts it as held, not yet taken.
      requestNextPage();
    }
    Conversation c = buffer.poll();
    heldRows -= rowsOf.applyAsInt(c);
    return c;
  }

  /** Number of pages received so far. */
  public int pagesFetched() {
    return pagesFetched;
  }

  @Override public void close() {
    closed = true;
    if (pending != null) {
      pending.cancel(true);
      pending = null;
    }
    buffer.clear();
  }

  private boolean requestNextPage() {
    if (closed || lastPageRequested || pending != null) {
      return false;
    }
    long askable = budget.askable(heldRows);
    if (askable <= 0) {
      return false;
    }
    int limit = (int) Math.min(fetcher.pageSize(), askable);
    pendingRequest = new PageRequest(accountId, limit, nextToken);
    control.check("waiting to send " + fetcher.describe(pendingRequest));
    pending = fetcher.fetch(pendingRequest);
    heldRows += limit;
    return true;
  }

  private void takePendingPage() {
    PageRequest request = pendingRequest;
    ConversationPage page = control.await(pending, "waiting for " + fetcher.describe(request));
    pending = null;
    heldRows -= request.limit();
    pagesFetched++;
    for (Conversation c : page.conversations()) {
      if (recentIds.firstSighting(c.id())) {
        checkOrder(c, request);
        buffer.add(c);
        heldRows += rowsOf.applyAsInt(c);
      }
    }
    recentIds.endPage();
    readAheadAt = buffer.size() / 2;
    if (!page.hasNextPage()) {
      lastPageRequested = true;
      return;
    }
    if (!tokensSeen.add(page.continuationToken())) {
      throw new SendPilotApiException("SendPilot API request " + fetcher.describe(request)
          + " answered HTTP 200 with continuationToken '" + page.continuationToken()
          + "', which it had already returned for this scan (a paging loop) after "
          + pagesFetched + " pages of "
          + (accountId == null ? "all accounts" : "account " + accountId)
          + "; stopping instead of looping forever.", 200, fetcher.describe(request), null);
    }
    nextToken = page.continuationToken();
  }

  private void checkOrder(Conversation c, PageRequest request) {
    if (!newestFirst) {
      return;
    }
    java.time.Instant at = c.lastActivityAt();
    if (at == null || (lastActivity != null && at.isAfter(lastActivity))) {
      throw new SendPilotApiException("SendPilot API request " + fetcher.describe(request)
          + " returned conversation " + c.id() + " with lastActivityAt " + at + " after one"
          + " with " + lastActivity + ", breaking the newest-activity-first order this query"
          + " relies on for ORDER BY last_activity_at DESC. Set nativeOrder=false to sort"
          + " locally instead.", 200, fetcher.describe(request), null);
    }
    lastActivity = at;
  }

  /**
   * Ids of the current and previous non-empty page: enough to drop a conversation the API
   * repeats across a page boundary (when activity shifts the pages), with memory bounded by two
   * pages.
   */
  private static final class RecentIds {
    private Set<String> previous = new HashSet<>();
    private Set<String> current = new HashSet<>();

    boolean firstSighting(String id) {
      if (id == null) {
        return true;
      }
      return !previous.contains(id) && current.add(id);
    }

    /** Ends a page; an empty page keeps the previous one, so a repeat just after it is seen. */
    void endPage() {
      if (!current.isEmpty()) {
        previous = current;
        current = new HashSet<>();
      }
    }
  }
}
