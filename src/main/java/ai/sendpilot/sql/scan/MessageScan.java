package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.ApiErrors;
import ai.sendpilot.sql.client.CallControl;
import ai.sendpilot.sql.client.MessageFetcher;
import ai.sendpilot.sql.client.PageFetcher;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Rows of one execution of a messages scan. With conversations named (ids and accounts), their
 * message streams and nothing else; otherwise the accounts' conversations are listed and each
 * one's messages read (only those of the named ids, when ids without accounts are named), at
 * most {@code maxThreads} conversations before the query fails.
 */
public final class MessageScan {
  /** The status of a failure no HTTP response caused (0 would say no response came). */

  private MessageScan() {
  }

  /**
   * Opens the rows of {@code spec}.
   *
   * @param pages where conversation pages come from (to list conversations)
   * @param messages where message pages come from
   * @param maxThreads the most conversations read without a conversation filter
   * @param warnings where the statement's warnings go
   */
  public static Enumerator<Object[]> open(PageFetcher pages, MessageFetcher messages,
      ScanSpec spec, DataContext root, int maxThreads, CallControl control,
      Consumer<String> warnings) {
    ScanSpec.ResolvedScan resolved = spec.resolve(root);
    Enumerator<Object[]> rows = new MessageLookup<>(conversations(pages, spec, resolved, root,
        maxThreads, control, warnings), k -> k, (k, row) -> row, messages, resolved.limit(),
        control, warnings);
    return resolved.skip() == 0 ? rows : skipping(rows, resolved.skip());
  }

  private static Enumerator<MessageKey> conversations(PageFetcher pages, ScanSpec spec,
      ScanSpec.ResolvedScan resolved, DataContext root, int maxThreads, CallControl control,
      Consumer<String> warnings) {
    if (resolved.isEmpty()) {
      return Linq4j.emptyEnumerator();
    }
    ConversationKeys named = spec.conversations();
    if (named != null) {
      List<MessageKey> keys = named.resolve(root, resolved.accountIds());
      if (keys != null) {
        return Linq4j.enumerator(keys);
      }
    }
    Set<String> ids = named == null ? null : named.conversationIds(root);
    ScanEnumerator listing = new ScanEnumerator(pages, new ScanSpec.ResolvedScan(
        SendPilotTableKind.CONVERSATIONS, resolved.accountIds(), null, null, 0, false), control,
        warnings);
    return new Listed(listing, ids, ids == null ? maxThreads : Integer.MAX_VALUE);
  }

  private static Enumerator<Object[]> skipping(Enumerator<Object[]> rows, long skip) {
    for (long i = 0; i < skip; i++) {
      if (!rows.moveNext()) {
        break;
      }
    }
    return rows;
  }

  /** The conversations a listing finds, at most {@code maxThreads} of them. */
  private static final class Listed implements Enumerator<MessageKey> {
    private final ScanEnumerator listing;
    private final Set<String> ids;
    private final int maxThreads;
    private int taken;
    private MessageKey current;

    Listed(ScanEnumerator listing, Set<String> ids, int maxThreads) {
      this.listing = listing;
      this.ids = ids;
      this.maxThreads = maxThreads;
    }

    @Override public MessageKey current() {
      return current;
    }

    @Override public boolean moveNext() {
      while (listing.moveNext()) {
        Object[] row = listing.current();
        String id = (String) row[0];
        if (ids != null && !ids.contains(id)) {
          continue;
        }
        if (++taken > maxThreads) {
          throw ApiErrors.tooManyMessageThreads(maxThreads);
        }
        current = new MessageKey((String) row[SendPilotTableKind.ACCOUNT_ID_COLUMN], id);
        return true;
      }
      current = null;
      return false;
    }

    @Override public void reset() {
      throw new UnsupportedOperationException("A SendPilot scan cannot be rewound");
    }

    @Override public void close() {
      listing.close();
    }
  }
}
