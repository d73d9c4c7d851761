package ai.sendpilot.sql.client;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Pages through the messages of one conversation by continuation token, one page at a time: the
 * first page is asked for when the stream opens, each next one as soon as the previous page
 * arrives. No request asks for more messages than the consumer can use; a message is returned
 * once (repeats dropped, {@link SeenOnce}); a page of another conversation, a repeated token or
 * page after page without a new message fails the stream; closing it cancels what is in flight.
 */
public final class MessageStream implements AutoCloseable {
  private final MessageFetcher fetcher;
  private final String accountId;
  private final String conversationId;
  private final long maxMessages;
  private final CallControl control;
  private final ArrayDeque<Message> buffer = new ArrayDeque<>();
  private final Set<String> tokensSeen = new HashSet<>();
  private final SeenOnce seen = new SeenOnce(SeenOnce.MAX_REMEMBERED);
  private MessagePageRequest request;
  private CompletableFuture<MessagePage> pending;
  private long asked;
  private int pagesFetched;
  private int emptyPagesInARow;
  private boolean closed;

  /**
   * Opens a stream and requests its first page.
   *
   * @param maxMessages the most messages the consumer can use ({@code Long.MAX_VALUE}: all)
   */
  public MessageStream(MessageFetcher fetcher, String accountId, String conversationId,
      long maxMessages, CallControl control) {
    this.fetcher = fetcher;
    this.accountId = accountId;
    this.conversationId = conversationId;
    this.maxMessages = maxMessages;
    this.control = control;
    request(null);
  }

  /** Whether another message comes; waits for the API when none is buffered. */
  public boolean hasNext() {
    while (buffer.isEmpty() && pending != null) {
      MessagePageRequest asking = request;
      MessagePage page = control.await(pending, () -> "waiting for " + fetcher.describe(asking));
      pending = null;
      take(asking, page);
    }
    return !buffer.isEmpty();
  }

  public Message next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.poll();
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

  private void take(MessagePageRequest asking, MessagePage page) {
    pagesFetched++;
    if (page.conversationId() != null && !page.conversationId().equals(conversationId)) {
      throw ApiErrors.foreignMessages(fetcher.describe(asking), conversationId,
          page.conversationId());
    }
    boolean anyNew = false;
    for (Message m : page.messages()) {
      if (admit(m, asking)) {
        buffer.add(m);
        anyNew = true;
      }
    }
    emptyPagesInARow = anyNew ? 0 : emptyPagesInARow + 1;
    if (!page.hasNextPage()) {
      return;
    }
    if (emptyPagesInARow >= fetcher.maxEmptyPages()) {
      throw ApiErrors.noNewMessages(fetcher.describe(asking), emptyPagesInARow,
          fetcher.maxEmptyPages());
    }
    String token = page.continuationToken();
    if (!tokensSeen.add(token)) {
      throw ApiErrors.pagingLoop(fetcher.describe(asking), token, pagesFetched, accountId);
    }
    request(token);
  }

  /** Whether {@code m} is new rather than a repeat of a message this stream returned. */
  private boolean admit(Message m, MessagePageRequest asking) {
    if (m.id() == null) {
      return true;
    }
    SeenOnce.Sighting sighting = seen.sight(m.id(), m.sentAt());
    if (sighting == SeenOnce.Sighting.UNDECIDABLE) {
      throw ApiErrors.messageRepeatsUndecidable(fetcher.describe(asking), m.id(),
          seen.maxRemembered());
    }
    return sighting == SeenOnce.Sighting.NEW;
  }

  /** Asks for the page at {@code token} if the stream may still use messages. */
  private void request(String token) {
    long askable = maxMessages - asked;
    if (closed || askable <= 0) {
      return;
    }
    int limit = (int) Math.min(ClientConfig.MAX_PAGE_SIZE, askable);
    request = new MessagePageRequest(accountId, conversationId, limit, token);
    control.check(() -> "waiting to send " + fetcher.describe(request));
    asked += limit;
    pending = fetcher.fetchMessages(request);
  }
}
