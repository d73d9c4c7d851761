package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.Conversation;
import ai.sendpilot.sql.client.FetchBudget;
import java.util.Iterator;
import java.util.List;

/** Reads the accounts' streams one after another; each opens when the previous one ends. */
final class SequentialSource implements ConversationSource {
  private final StreamFactory streams;
  private final Iterator<String> accounts;
  private final FetchBudget budget;
  private AccountStream current;

  SequentialSource(StreamFactory streams, List<String> accounts, FetchBudget budget) {
    this.streams = streams;
    this.accounts = accounts.iterator();
    this.budget = budget;
  }

  @Override public Conversation next() {
    while (current == null || !current.hasNext()) {
      if (current != null) {
        current.close();
        current = null;
      }
      if (!accounts.hasNext()) {
        return null;
      }
      current = streams.open(accounts.next(), budget);
    }
    return current.next();
  }

  @Override public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
