package ai.sendpilot.sql.demo;

import java.util.List;

/**
 * The synthetic inbox of one seed: conversation {@code k} (0 = newest activity) is computed on
 * demand, so memory does not grow with the number of conversations. Conversation k belongs to
 * account {@code k mod accountCount}, so account a's j-th conversation is
 * {@code j * accountCount + a}.
 */
public final class DemoInbox {
  private final int size;
  private final List<SenderAccount> accounts;
  private final ConversationIds ids;
  private final ThreadGenerator generator;

  public DemoInbox(SimulatorConfig config) {
    this.size = config.conversationCount();
    this.accounts = SenderAccounts.of(config.accountIds());
    this.ids = new ConversationIds(config.seed(), size);
    this.generator = new ThreadGenerator(config.seed(), config.newestActivity(), ids, accounts,
        config.tiesPercent());
  }

  /** Number of conversations over all accounts. */
  public int size() {
    return size;
  }

  public List<SenderAccount> accounts() {
    return accounts;
  }

  public int accountCount() {
    return accounts.size();
  }

  /** Index of the account with this id, or -1. */
  public int accountIndex(String accountId) {
    for (int a = 0; a < accounts.size(); a++) {
      if (accounts.get(a).accountId().equals(accountId)) {
        return a;
      }
    }
    return -1;
  }

  public String accountIdOf(long k) {
    return accounts.get((int) (k % accounts.size())).accountId();
  }

  public String conversationId(long k) {
    return ids.id(k);
  }

  /** Index of the conversation with this id, or -1 when there is none. */
  public long indexOf(String conversationId) {
    return ids.index(conversationId);
  }

  /**
   * Activity time of conversation k in epoch milliseconds; strictly decreasing in k unless the
   * config asks for ties, never increasing.
   */
  public long lastActivityAt(long k) {
    return generator.lastActivityAt(k);
  }

  public ConversationThread thread(long k) {
    if (k < 0 || k >= size) {
      throw new IndexOutOfBoundsException("conversation " + k + " of " + size);
    }
    return generator.thread(k);
  }

  public InboxJson.Conversation conversation(long k) {
    return thread(k).conversation();
  }
}
