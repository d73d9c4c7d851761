package ai.sendpilot.sql.client;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/**
 * Pages through the conversations of one account (or of all accounts) by continuation token,
 * one page ahead of the consumer. A query that reads only the first rows costs one request:
 * the second page is asked for once the consumer is half-way through the first. From then on,
 * while the consumer waits, the next request leaves as soon as a page's token is known, before
 * the page is parsed, so parsing and the consumer's work hide behind the round trips. No
 * request asks for more rows than the {@link FetchBudget} allows, and closing the stream cancels
 * what is in flight.
 */
public final class ConversationStream implements AutoCloseable {
  private final PageFetcher fetcher;
  private final String accountId;
  private final FetchBudget budget;
  private final ToIntFunction<Conversation> rowsOf;
  private final boolean newestFirst;
  private final CallControl control;
  private final ArrayDeque<Conversation> buffer = new ArrayDeque<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final Set<String> tokensSeen = new HashSet<>();
  private final RecentIds recentIds = new RecentIds();
  private long heldRows;
  private String nextToken;
  private boolean lastPageRequested;
  private boolean closed;
  private boolean consumerWaiting;
  private int readAheadAt;
  private int pagesFetched;
  private Instant lastActivity;

  /** A page asked for and not yet handed to the consumer. */
  private static final class Pending {
    private final PageRequest request;
    private CompletableFuture<ConversationPage> page;
    /** Whether its next token was already taken in, from the early look at the page. */
    private boolean tokenTakenEarly;
    /** Whether that early look saw a token this scan had already been given. */
    private boolean loopSeenEarly;
    /** The token the early look found; null when it said this is the last page. */
    private String earlyToken;

    Pending(PageRequest request) {
      this.request = request;
    }

    PageRequest request() {
      return request;
    }

    CompletableFuture<ConversationPage> page() {
      return page;
    }
  }

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
  public ConversationStream(PageFetcher fetcher, String accountId, FetchBudget budget,
      ToIntFunction<Conversation> rowsOf, boolean newestFirst, CallControl control) {
    this.fetcher = fetcher;
    this.accountId = accountId;
    this.budget = budget;
    this.rowsOf = rowsOf;
    this.newestFirst = newestFirst;
    this.control = control;
    synchronized (this) {
      requestNextPage();
    }
  }

  /** Whether another conversation comes; waits for the API when the buffer is empty. */
  public boolean hasNext() {
    while (true) {
      Pending head;
      synchronized (this) {
        if (!buffer.isEmpty()) {
          return true;
        }
        if (pending.isEmpty() && !requestNextPage()) {
          return false;
        }
        head = pending.peek();
        consumerWaiting = true;
      }
      ConversationPage page;
      try {
        page = control.await(head.page(),
            () -> "waiting for " + fetcher.describe(head.request()));
      } finally {
        synchronized (this) {
          consumerWaiting = false;
        }
      }
      synchronized (this) {
        pending.poll();
        take(head, page);
      }
    }
  }

  /** Whether {@link #hasNext} would answer without waiting. */
  public synchronized boolean ready() {
    return !buffer.isEmpty() || pending.isEmpty() || pending.peek().page().isDone();
  }

  /** The request the consumer would wait for next, or null; for waiting on several streams. */
  public synchronized CompletableFuture<ConversationPage> pending() {
    return pending.isEmpty() ? null : pending.peek().page();
  }

  /** The next conversation, without taking it. */
  public Conversation peek() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    synchronized (this) {
      return buffer.peek();
    }
  }

  public Conversation next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    synchronized (this) {
      if (buffer.size() - 1 <= readAheadAt) {
        // Before taking the conversation: the budget still counts it as held, not yet taken.
        requestNextPage();
      }
      Conversation c = buffer.poll();
      heldRows -= rowsOf.applyAsInt(c);
      return c;
    }
  }

  /** Number of pages received so far. */
  public synchronized int pagesFetched() {
    return pagesFetched;
  }

  @Override public synchronized void close() {
    closed = true;
    for (Pending p : pending) {
      p.page().cancel(true);
    }
    pending.clear();
    buffer.clear();
  }

  /** Asks for the page after the newest one asked for, if the budget and bounds allow. */
  private boolean requestNextPage() {
    return requestNextPage(true);
  }

  /**
   * Asks for the next page.
   *
   * @param consumerThread whether the consumer asks (a stopped scan then throws); an HTTP
   *     callback thread only skips the request, since a page it parses may be shared
   */
  private boolean requestNextPage(boolean consumerThread) {
    if (closed || lastPageRequested || !pending.isEmpty() && nextToken == null) {
      return false;
    }
    if (pending.size() >= 2 || (!pending.isEmpty() && !buffer.isEmpty())) {
      return false;
    }
    long askable = budget.askable(heldRows);
    if (askable <= 0) {
      return false;
    }
    int limit = (int) Math.min(fetcher.pageSize(), askable);
    PageRequest request = new PageRequest(accountId, limit, nextToken);
    if (consumerThread) {
      control.check(() -> "waiting to send " + fetcher.describe(request));
    } else if (control.stopped()) {
      return false;
    }
    boolean mayChain = budget == FetchBudget.UNLIMITED && pagesFetched > 0;
    Pending p = new Pending(request);
    pending.add(p);
    p.page = fetcher.fetch(request, mayChain ? token -> tokenKnown(p, token) : PageListener.NONE);
    heldRows += limit;
    nextToken = null;
    return true;
  }

  /** Early token of a pending page: chains the next request if the consumer waits. */
  private synchronized void tokenKnown(Pending p, String token) {
    if (closed || pending.isEmpty() || pending.peekLast() != p) {
      return;
    }
    p.tokenTakenEarly = true;
    p.earlyToken = token;
    if (token == null) {
      lastPageRequested = true;
      return;
    }
    if (!tokensSeen.add(token)) {
      p.loopSeenEarly = true;
      lastPageRequested = true;
      return;
    }
    nextToken = token;
    if (consumerWaiting && buffer.isEmpty()) {
      requestNextPage(false);
    }
  }

  private void take(Pending taken, ConversationPage page) {
    PageRequest request = taken.request();
    heldRows -= request.limit();
    pagesFetched++;
    for (Conversation c : page.conversations()) {
      if (recentIds.firstSighting(c.accountId(), c.id())) {
        checkOrder(c, request);
        buffer.add(c);
        heldRows += rowsOf.applyAsInt(c);
      }
    }
    recentIds.endPage();
    readAheadAt = buffer.size() / 2;
    if (!page.hasNextPage()) {
      if (taken.tokenTakenEarly && taken.earlyToken != null) {
        undoEarlyToken(taken);
      }
      lastPageRequested = true;
      return;
    }
    if (taken.tokenTakenEarly && !taken.loopSeenEarly
        && page.continuationToken().equals(taken.earlyToken)) {
      return;
    }
    if (taken.tokenTakenEarly && !page.continuationToken().equals(taken.earlyToken)) {
      undoEarlyToken(taken);
    }
    if (taken.loopSeenEarly || !tokensSeen.add(page.continuationToken())) {
      throw new SendPilotApiException("SendPilot API request " + fetcher.describe(request)
          + " answered HTTP 200 with continuationToken '" + page.continuationToken()
          + "', which it had already returned for this scan (a paging loop) after "
          + pagesFetched + " pages of "
          + (accountId == null ? "all accounts" : "account " + accountId)
          + "; stopping instead of looping forever.", 200, fetcher.describe(request), null);
    }
    nextToken = page.continuationToken();
  }

  /** The full parse disagrees with the early look: forget it and what was asked with it. */
  private void undoEarlyToken(Pending taken) {
    for (Pending chained : pending) {
      chained.page().cancel(true);
      heldRows -= chained.request().limit();
      if (chained.tokenTakenEarly && chained.earlyToken != null && !chained.loopSeenEarly) {
        tokensSeen.remove(chained.earlyToken);
      }
    }
    pending.clear();
    if (taken.earlyToken != null && !taken.loopSeenEarly) {
      tokensSeen.remove(taken.earlyToken);
    }
    taken.loopSeenEarly = false;
    lastPageRequested = false;
    nextToken = null;
  }

  private void checkOrder(Conversation c, PageRequest request) {
    if (!newestFirst) {
      return;
    }
    Instant at = c.lastActivityAt();
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
   * Conversations (account and id: ids are only known to be unique within an account) of the
   * current and previous non-empty page: enough to drop a conversation the API repeats across a
   * page boundary (when activity shifts the pages), with memory bounded by two pages.
   */
  private static final class RecentIds {
    private Set<List<String>> previous = new HashSet<>();
    private Set<List<String>> current = new HashSet<>();

    boolean firstSighting(String accountId, String id) {
      if (id == null) {
        return true;
      }
      List<String> key = Arrays.asList(accountId, id);
      return !previous.contains(key) && current.add(key);
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
