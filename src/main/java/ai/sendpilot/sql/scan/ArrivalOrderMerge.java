package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.CallControl;
import ai.sendpilot.sql.client.Conversation;
import ai.sendpilot.sql.client.FetchBudget;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the accounts' streams at once and hands out conversations in the order pages arrive,
 * so a scan of several accounts takes about as long as its longest stream.
 */
final class ArrivalOrderMerge implements ConversationSource {
  private final List<AccountStream> streams = new ArrayList<>();
  private final CallControl control;
  private int next;

  ArrivalOrderMerge(StreamFactory factory, List<String> accounts, CallControl control) {
    this.control = control;
    for (String account : accounts) {
      streams.add(factory.open(account, FetchBudget.UNLIMITED));
    }
  }

  @Override public Conversation next() {
    while (!streams.isEmpty()) {
      AccountStream ready = firstReady();
      if (ready == null) {
        waitForAnyPage();
        continue;
      }
      if (ready.hasNext()) {
        return ready.next();
      }
      ready.close();
      streams.remove(ready);
    }
    return null;
  }

  /** A stream that can answer now, taking them in turn so that none starves. */
  private AccountStream firstReady() {
    for (int i = 0; i < streams.size(); i++) {
      AccountStream s = streams.get((next + i) % streams.size());
      if (s.ready()) {
        next = (next + i + 1) % streams.size();
        return s;
      }
    }
    return null;
  }

  private void waitForAnyPage() {
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (AccountStream s : streams) {
      if (s.pending() != null) {
        pending.add(s.pending());
      }
    }
    CompletableFuture<Object> any =
        CompletableFuture.anyOf(pending.toArray(new CompletableFuture<?>[0]));
    try {
      control.await(any.exceptionally(e -> null), () -> "waiting for pages of several accounts");
    } finally {
      if (!any.isDone()) {
        any.cancel(true);
      }
    }
  }

  @Override public void close() {
    for (Iterator<AccountStream> it = streams.iterator(); it.hasNext(); ) {
      it.next().close();
      it.remove();
    }
  }
}
