package ai.sendpilot.sql.client;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/**
 * Pages through the conversations of one account (or of all accounts) by continuation token,
 * one page ahead of the consumer. A consumer that reads only the first conversations costs one
 * request: the second page is asked for once the consumer is half-way through the first. From
 * then on, while the consumer waits, the next request leaves as soon as a page's token is known,
 * before the page is parsed, so parsing and the consumer's work hide behind the round trips. No
 * request asks for more items than the {@link FetchBudget} allows, and closing the stream
 * cancels what is in flight. A conversation is returned once: repeats are dropped
 * ({@link PageSequenceCheck}). An API that pages on without end (a token repeated, or page after
 * page with nothing new) fails the stream instead.
 */
public final class ConversationStream implements AutoCloseable {
  private final PageFetcher fetcher;
  private final String accountId;
  private final FetchBudget budget;
  private final ToIntFunction<Conversation> itemsOf;
  private final PageSequenceCheck sequence;
  private final CallControl control;
  private final ArrayDeque<Conversation> buffer = new ArrayDeque<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private long heldItems;
  private String nextToken;
  private boolean lastPageRequested;
  private boolean closed;
  private boolean consumerWaiting;
  private int readAheadAt;
  private int pagesFetched;
  private int emptyPagesInARow;

  /** A page asked for and not yet handed to the consumer. */
  private static final class Pending {
    private final PageRequest request;
    private CompletableFuture<ConversationPage> page;
    /** What the early look at the page said about the next one; set by tokenKnown. */
    private EarlyToken early = EarlyToken.NOT_SEEN;

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
   * @param budget how many items the stream may still ask for
   * @param itemsOf items the consumer makes of one conversation (what the budget counts)
   * @param newestFirst whether to fail if the API breaks its newest-activity-first order
   * @param control what can stop the stream from outside
   */
  public ConversationStream(PageFetcher fetcher, String accountId, FetchBudget budget,
      ToIntFunction<Conversation> itemsOf, boolean newestFirst, CallControl control) {
    this.fetcher = fetcher;
    this.accountId = accountId;
    this.budget = budget;
    this.itemsOf = itemsOf;
    this.sequence = new PageSequenceCheck(newestFirst, fetcher::describe);
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
      heldItems -= itemsOf.applyAsInt(c);
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
   * @param consumerThread whether the consumer asks (stopped calls then throw); an HTTP
   *     callback thread only skips the request, since a page it parses may be shared
   */
  private boolean requestNextPage(boolean consumerThread) {
    if (closed || lastPageRequested || !pending.isEmpty() && nextToken == null) {
      return false;
    }
    if (pending.size() >= 2 || (!pending.isEmpty() && !buffer.isEmpty())) {
      return false;
    }
    long askable = budget.askable(heldItems);
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
    heldItems += limit;
    nextToken = null;
    return true;
  }

  /** Early token of a pending page: chains the next request if the consumer waits. */
  private synchronized void tokenKnown(Pending p, String token) {
    if (closed || pending.isEmpty() || pending.peekLast() != p) {
      return;
    }
    if (token == null) {
      // The last page: nothing to chain; take() undoes this if the full parse disagrees.
      p.early = EarlyToken.LAST_PAGE;
      lastPageRequested = true;
      return;
    }
    if (!sequence.firstTimeToken(token)) {
      // A token given before: chain nothing and leave the paging loop for take() to report.
      p.early = EarlyToken.loop(token);
      lastPageRequested = true;
      return;
    }
    // A new token, now recorded as seen: the next request may leave on it.
    p.early = EarlyToken.next(token);
    nextToken = token;
    if (consumerWaiting && buffer.isEmpty()) {
      requestNextPage(false);
    }
  }

  private void take(Pending taken, ConversationPage page) {
    PageRequest request = taken.request();
    heldItems -= request.limit();
    pagesFetched++;
    boolean anyNew = false;
    for (Conversation c : page.conversations()) {
      if (accountId != null && c.accountId() != null && !accountId.equals(c.accountId())) {
        throw ApiErrors.foreignConversation(fetcher.describe(request), c, accountId);
      }
      if (sequence.admit(c, request)) {
        buffer.add(c);
        heldItems += itemsOf.applyAsInt(c);
        anyNew = true;
      }
    }
    emptyPagesInARow = anyNew ? 0 : emptyPagesInARow + 1;
    readAheadAt = buffer.size() / 2;
    EarlyToken early = taken.early;
    if (!page.hasNextPage()) {
      // An early NEXT or LOOP was wrong: forget what was chained on it.
      if (early.namedNextPage()) {
        undoEarlyToken(taken);
      }
      lastPageRequested = true;
      return;
    }
    if (emptyPagesInARow >= fetcher.maxEmptyPages()) {
      throw ApiErrors.noNewConversations(fetcher.describe(request), emptyPagesInARow,
          fetcher.maxEmptyPages(), sequence.repeats());
    }
    String token = page.continuationToken();
    if (early.chainedOn(token)) {
      // The early NEXT was right: the token is recorded and the next request has left.
      return;
    }
    if (early.disagreesWith(token)) {
      // An early LAST_PAGE, or a NEXT or LOOP of another token: forget it, then check afresh.
      undoEarlyToken(taken);
    }
    // A token recorded before this page (found early as a LOOP, or found now): a paging loop.
    if (early.loopOn(token) || !sequence.firstTimeToken(token)) {
      throw ApiErrors.pagingLoop(fetcher.describe(request), token, pagesFetched, accountId);
    }
    nextToken = token;
  }

  /** The full parse disagrees with the early look: forget it and what was asked with it. */
  private void undoEarlyToken(Pending taken) {
    for (Pending chained : pending) {
      chained.page().cancel(true);
      heldItems -= chained.request().limit();
      forgetRecordedToken(chained);
    }
    pending.clear();
    forgetRecordedToken(taken);
    lastPageRequested = false;
    nextToken = null;
  }

  private void forgetRecordedToken(Pending p) {
    String recorded = p.early.recordedToken();
    if (recorded != null) {
      sequence.forgetToken(recorded);
    }
  }
}
