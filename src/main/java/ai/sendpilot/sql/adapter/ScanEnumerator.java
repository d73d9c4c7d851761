package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.client.Conversation;
import ai.sendpilot.sql.client.ConversationStream;
import ai.sendpilot.sql.client.SendPilotApiException;
import ai.sendpilot.sql.client.ScanControl;
import ai.sendpilot.sql.client.SendPilotClient;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Rows of one table for one {@link ScanSpec}: reads the accounts' conversation streams one
 * after another, turns conversations into rows, and stops as soon as the limit is reached.
 */
final class ScanEnumerator implements Enumerator<Object[]> {
  private final SendPilotClient client;
  private final SendPilotTableKind kind;
  private final Long limit;
  private final ScanControl control;
  private final Iterator<String> accounts;
  private final ArrayDeque<Object[]> rows = new ArrayDeque<>();
  private ConversationStream stream;
  private String streamAccount;
  private Object[] current;
  private long emitted;

  ScanEnumerator(SendPilotClient client, SendPilotTableKind kind, ScanSpec spec,
      ScanControl control) {
    this.client = client;
    this.kind = kind;
    this.limit = spec.limit();
    this.control = control;
    List<String> accountList = spec.accountIds() == null
        ? Collections.singletonList(null) : List.copyOf(spec.accountIds());
    this.accounts = spec.isEmpty() ? Collections.emptyIterator() : accountList.iterator();
  }

  @Override public Object[] current() {
    if (current == null) {
      throw new NoSuchElementException();
    }
    return current;
  }

  @Override public boolean moveNext() {
    try {
      return advance();
    } catch (SendPilotApiException e) {
      throw e.whileReading("sendpilot." + kind.tableName());
    }
  }

  private boolean advance() {
    if (limit != null && emitted >= limit) {
      return false;
    }
    while (rows.isEmpty()) {
      control.check("reading sendpilot." + kind.tableName());
      if (stream == null || !stream.hasNext()) {
        closeStream();
        if (!accounts.hasNext()) {
          current = null;
          return false;
        }
        streamAccount = accounts.next();
        stream = new ConversationStream(client, streamAccount, this::rowsStillWanted,
            control);
        continue;
      }
      kind.addRows(checked(stream.next()), rows);
    }
    current = rows.poll();
    emitted++;
    return true;
  }

  private long rowsStillWanted() {
    return limit == null ? Long.MAX_VALUE : limit - emitted - rows.size();
  }

  private Conversation checked(Conversation c) {
    if (c.id() == null) {
      throw new SendPilotApiException("SendPilot API returned a conversation without an id"
          + " while scanning " + kind.tableName() + "; the driver cannot identify it.", 200,
          "GET /v1/inbox/conversations", null);
    }
    if (c.accountId() == null) {
      if (streamAccount == null) {
        throw new SendPilotApiException("SendPilot API returned conversation " + c.id()
            + " without an accountId while scanning " + kind.tableName() + ".", 200,
            "GET /v1/inbox/conversations", null);
      }
      return new Conversation(c.id(), streamAccount, c.participants(), c.lastMessage(),
          c.lastActivityAt(), c.unreadCount(), c.createdAt(), c.updatedAt());
    }
    return c;
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("A SendPilot scan cannot be rewound");
  }

  @Override public void close() {
    closeStream();
    rows.clear();
    while (accounts.hasNext()) {
      accounts.next();
    }
  }

  private void closeStream() {
    if (stream != null) {
      stream.close();
      stream = null;
    }
  }
}
