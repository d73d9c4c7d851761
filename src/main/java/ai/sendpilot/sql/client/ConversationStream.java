package ai.sendpilot.sql.client;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Lazily pages through the conversations of one account (or of all accounts) by continuation
 * token: a page is requested only when the consumer wants a row past the ones already fetched,
 * and no page asks for more rows than the consumer can still use.
 */
public final class ConversationStream implements Iterator<Conversation>, AutoCloseable {
  private final SendPilotClient client;
  private final String accountId;
  private final LongSupplier rowsStillWanted;
  private final ScanControl control;
  private final ArrayDeque<Conversation> buffer = new ArrayDeque<>();
  private final Set<String> tokensSeen = new HashSet<>();
  private final RecentIds recentIds = new RecentIds();
  private String nextToken;
  private boolean exhausted;
  private int pagesFetched;

  /**
   * Creates a stream.
   *
   * @param client the API client
   * @param accountId the account to read, or null for every account of the workspace
   * @param rowsStillWanted asked before each page: how many more conversations the consumer can
   *     use ({@code Long.MAX_VALUE} when unbounded, 0 or less to stop)
   * @param control what can stop the stream from outside
   */
  public ConversationStream(SendPilotClient client, String accountId,
      LongSupplier rowsStillWanted, ScanControl control) {
    this.client = client;
    this.accountId = accountId;
    this.rowsStillWanted = rowsStillWanted;
    this.control = control;
  }

  @Override public boolean hasNext() {
    while (buffer.isEmpty() && !exhausted) {
      fetchNextPage();
    }
    return !buffer.isEmpty();
  }

  @Override public Conversation next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.poll();
  }

  /** Number of HTTP pages this stream has fetched so far. */
  public int pagesFetched() {
    return pagesFetched;
  }

  @Override public void close() {
    exhausted = true;
    buffer.clear();
  }

  private void fetchNextPage() {
    long wanted = rowsStillWanted.getAsLong();
    if (wanted <= 0) {
      exhausted = true;
      return;
    }
    int limit = (int) Math.min(client.config().pageSize(), wanted);
    ConversationPage page = client.conversations(accountId, limit, nextToken, control);
    pagesFetched++;
    for (Conversation c : page.conversations()) {
      if (recentIds.firstSighting(c.id())) {
        buffer.add(c);
      }
    }
    recentIds.endPage();
    if (!page.hasNextPage()) {
      exhausted = true;
      return;
    }
    if (!tokensSeen.add(page.continuationToken())) {
      String request = client.describeConversations(accountId, limit, nextToken);
      throw new SendPilotApiException("SendPilot API request " + request + " answered HTTP 200"
          + " with continuationToken '" + page.continuationToken() + "', which it had already"
          + " returned for this scan (a paging loop) after " + pagesFetched + " pages of "
          + (accountId == null ? "all accounts" : "account " + accountId)
          + "; stopping instead of looping forever.", 200, request, null);
    }
    nextToken = page.continuationToken();
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
