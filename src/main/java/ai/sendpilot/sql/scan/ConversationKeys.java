package ai.sendpilot.sql.scan;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The conversations a messages scan is limited to: any of some conversation ids, each with the
 * account that owns it when the query names one. Only narrows what is fetched; the query's own
 * filter still decides which rows pass.
 *
 * @param alternatives the conversations admitted
 */
public record ConversationKeys(ImmutableList<Key> alternatives) {
  /**
   * One conversation admitted.
   *
   * @param conversationId the conversation's id
   * @param accountId its account, or null when the query names none beside it
   */
  public record Key(PushedValue conversationId, @Nullable PushedValue accountId) {
    @Override public String toString() {
      return accountId == null ? String.valueOf(conversationId)
          : accountId + "/" + conversationId;
    }
  }

  public static ConversationKeys anyOf(List<Key> keys) {
    return new ConversationKeys(ImmutableList.copyOf(keys));
  }

  /**
   * The conversations of one execution, or null when some has no known account (the scan then
   * lists the accounts' conversations to find them). An empty account id names no conversation
   * (as in {@link AccountFilter#resolve}) and is never sent.
   *
   * @param accounts the accounts the scan is limited to, or null for any
   */
  public @Nullable List<MessageKey> resolve(DataContext root, @Nullable Set<String> accounts) {
    Set<MessageKey> keys = new LinkedHashSet<>();
    for (Key k : alternatives) {
      Object id = k.conversationId().resolve(root);
      if (id == null) {
        continue;
      }
      if (k.accountId() != null) {
        Object account = k.accountId().resolve(root);
        if (account != null && !account.toString().isEmpty()
            && (accounts == null || accounts.contains(account.toString()))) {
          keys.add(new MessageKey(account.toString(), id.toString()));
        }
      } else if (accounts == null) {
        return null;
      } else {
        accounts.forEach(a -> keys.add(new MessageKey(a, id.toString())));
      }
    }
    List<MessageKey> sorted = new ArrayList<>(keys);
    sorted.sort((a, b) -> a.accountId().equals(b.accountId())
        ? a.conversationId().compareTo(b.conversationId())
        : a.accountId().compareTo(b.accountId()));
    return sorted;
  }

  /** The conversation ids of one execution. */
  public Set<String> conversationIds(DataContext root) {
    Set<String> ids = new LinkedHashSet<>();
    for (Key k : alternatives) {
      Object id = k.conversationId().resolve(root);
      if (id != null) {
        ids.add(id.toString());
      }
    }
    return ids;
  }

  @Override public String toString() {
    return alternatives.stream().map(Key::toString).collect(Collectors.joining(", "));
  }
}
