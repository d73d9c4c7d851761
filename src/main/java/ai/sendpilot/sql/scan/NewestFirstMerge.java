package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.Conversation;
import ai.sendpilot.sql.client.FetchBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges the accounts' streams, each newest activity first, into one stream newest first:
 * answers {@code ORDER BY last_activity_at DESC} from the heads of the streams.
 */
final class NewestFirstMerge implements ConversationSource {
  private final List<AccountStream> streams = new ArrayList<>();

  NewestFirstMerge(StreamFactory factory, List<String> accounts, FetchBudget budget) {
    for (String account : accounts) {
      streams.add(factory.open(account, budget));
    }
  }

  @Override public Conversation next() {
    AccountStream newest = null;
    for (AccountStream s : streams) {
      if (s.hasNext() && (newest == null
          || s.peek().lastActivityAt().isAfter(newest.peek().lastActivityAt()))) {
        newest = s;
      }
    }
    return newest == null ? null : newest.next();
  }

  @Override public void close() {
    streams.forEach(AccountStream::close);
  }
}
