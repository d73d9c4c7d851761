package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.CallControl;
import ai.sendpilot.sql.client.MessageFetcher;
import ai.sendpilot.sql.client.MessageStream;
import ai.sendpilot.sql.client.SendPilotApiException;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For each outer item in turn (a conversation to read, or a row of a join's outer side), the
 * rows of its conversation's messages, in the outer order. A small window of conversations is
 * in flight at once (their first pages requested while earlier ones are read), so the first
 * rows leave before the last conversation is fetched; under a limit, one at a time, each asking
 * only for the messages still needed. A conversation the API no longer knows ({@code 404}) is
 * skipped with a warning, logged and given to the statement.
 *
 * @param <T> the outer items
 */
public final class MessageLookup<T> implements Enumerator<Object[]> {
  private static final Logger LOG = LoggerFactory.getLogger(MessageLookup.class);

  private final Enumerator<T> outer;
  private final Function<T, @Nullable MessageKey> keyOf;
  private final BiFunction<T, Object[], Object[]> join;
  private final MessageFetcher fetcher;
  private final int window;
  private final @Nullable Long limit;
  private final CallControl control;
  private final Consumer<String> warnings;
  private final ArrayDeque<Open<T>> open = new ArrayDeque<>();
  private boolean outerDone;
  private long emitted;
  private Object[] current;

  /** An outer item and its conversation's stream. */
  private record Open<T>(T item, MessageKey key, MessageStream stream) {
  }

  /**
   * Creates the lookup.
   *
   * @param keyOf the conversation of an outer item, or null when it has none (no rows)
   * @param join the row of an outer item and one message row of its conversation
   * @param limit the most rows needed, or null
   * @param warnings where the statement's warnings go (a conversation skipped)
   */
  public MessageLookup(Enumerator<T> outer, Function<T, @Nullable MessageKey> keyOf,
      BiFunction<T, Object[], Object[]> join, MessageFetcher fetcher, @Nullable Long limit,
      CallControl control, Consumer<String> warnings) {
    this.outer = outer;
    this.keyOf = keyOf;
    this.join = join;
    this.fetcher = fetcher;
    this.limit = limit;
    this.window = limit == null ? Math.max(1, fetcher.maxConcurrentRequests()) : 1;
    this.control = control;
    this.warnings = warnings;
  }

  @Override public Object[] current() {
    if (current == null) {
      throw new NoSuchElementException();
    }
    return current;
  }

  @Override public boolean moveNext() {
    if (limit != null && emitted >= limit) {
      current = null;
      return false;
    }
    while (true) {
      fill();
      Open<T> head = open.peek();
      if (head == null) {
        current = null;
        return false;
      }
      if (hasNext(head)) {
        current = join.apply(head.item(),
            SendPilotTableKind.messageRow(head.key(), head.stream().next()));
        emitted++;
        return true;
      }
      open.poll().stream().close();
    }
  }

  /** Opens streams for the next outer items until the window is full. */
  private void fill() {
    while (open.size() < window && !outerDone) {
      control.check(() -> "reading sendpilot.messages");
      if (!outer.moveNext()) {
        outerDone = true;
        return;
      }
      T item = outer.current();
      MessageKey key = keyOf.apply(item);
      // An empty id names no conversation (as an empty account id names no account).
      if (key != null && !key.accountId().isEmpty() && !key.conversationId().isEmpty()) {
        long needed = limit == null ? Long.MAX_VALUE : limit - emitted;
        open.add(new Open<>(item, key, new MessageStream(fetcher, key.accountId(),
            key.conversationId(), needed, control)));
      }
    }
  }

  private boolean hasNext(Open<T> head) {
    try {
      return head.stream().hasNext();
    } catch (SendPilotApiException e) {
      if (e.status() != 404) {
        throw e;
      }
      String skipped = "Skipped the messages of conversation " + head.key().conversationId()
          + " of account " + head.key().accountId() + ", which SendPilot does not know (HTTP"
          + " 404): " + e.getMessage();
      LOG.warn(skipped);
      warnings.accept(skipped);
      return false;
    }
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("A SendPilot scan cannot be rewound");
  }

  @Override public void close() {
    open.forEach(o -> o.stream().close());
    open.clear();
    outer.close();
  }
}
