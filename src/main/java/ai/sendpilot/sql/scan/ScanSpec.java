package ai.sendpilot.sql.scan;

import com.google.common.collect.ImmutableSortedSet;
import org.apache.calcite.DataContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a scan pushes into the API, as planned: what rows it makes of each conversation, which
 * accounts to read (all when {@code accounts} is null), down to which last activity, at most
 * how many rows the query can use, and whether rows must come newest activity first. Values
 * may be parameters, resolved per execution by {@link #resolve}.
 *
 * @param rows the rows each conversation makes
 * @param accounts the accounts to read, or null for every account of the workspace
 * @param window the lower bounds on last activity each account's stream ends at, or null
 * @param limit the most rows the query can use (a LIMIT's offset included), or null
 * @param offset rows to skip before the first one returned, or null
 * @param newestFirst whether rows must come newest activity first (a plan relies on the
 *     API's order): several accounts are then merged by time, and the order is checked
 * @param conversations the conversations a messages scan reads, or null for all
 */
public record ScanSpec(ConversationRows rows, @Nullable AccountFilter accounts,
    @Nullable ActivityWindow window, @Nullable RowLimit limit, @Nullable PushedValue offset,
    boolean newestFirst, @Nullable ConversationKeys conversations) {
  /** Every account, every row {@code rows} makes of a conversation, in any order. */
  public static ScanSpec of(ConversationRows rows) {
    return new ScanSpec(rows, null, null, null, null, false, null);
  }

  /** The same scan, reading the messages of {@code keys} only. */
  public ScanSpec withConversations(ConversationKeys keys) {
    return new ScanSpec(rows, accounts, window, limit, offset, newestFirst, keys);
  }

  /** The same scan making other rows of each conversation. */
  public ScanSpec withRows(ConversationRows newRows) {
    return new ScanSpec(newRows, accounts, window, limit, offset, newestFirst, conversations);
  }

  /** Narrows to the accounts {@code filter} admits. */
  public ScanSpec withAccounts(AccountFilter filter) {
    return new ScanSpec(rows, accounts == null ? filter : accounts.and(filter), window, limit,
        offset, newestFirst, conversations);
  }

  /** Narrows to the conversations {@code bounds} admit. */
  public ScanSpec withWindow(ActivityWindow bounds) {
    return new ScanSpec(rows, accounts, window == null ? bounds : window.and(bounds), limit,
        offset, newestFirst, conversations);
  }

  /** Lowers the row limit to {@code rowCount} if that is lower. */
  public ScanSpec withLimit(RowLimit rowCount) {
    return new ScanSpec(rows, accounts, window, limit == null ? rowCount : limit.min(rowCount),
        offset, newestFirst, conversations);
  }

  /** The same scan, skipping the first {@code rowCount} rows. */
  public ScanSpec withOffset(PushedValue rowCount) {
    return new ScanSpec(rows, accounts, window, limit, rowCount, newestFirst, conversations);
  }

  /** The same scan, its rows newest activity first or in any order. */
  public ScanSpec withNewestFirst(boolean ordered) {
    return new ScanSpec(rows, accounts, window, limit, offset, ordered, conversations);
  }

  /** The scan of one execution, parameters replaced by their values. */
  public ResolvedScan resolve(DataContext root) {
    Object skip = offset == null ? null : offset.resolve(root);
    return new ResolvedScan(rows, accounts == null ? null : accounts.resolve(root),
        window == null ? null : window.resolve(root),
        limit == null ? null : limit.resolve(root),
        skip == null ? 0 : Math.max(0, ((Number) skip).longValue()), newestFirst);
  }

  /**
   * One execution's scan.
   *
   * @param rows the rows each conversation makes
   * @param accountIds the accounts to read in order, or null for all; empty: none
   * @param cutoff the oldest last activity to read, or null
   * @param limit the most rows needed, or null
   * @param skip rows to skip before the first one returned
   * @param newestFirst whether rows must come newest activity first
   */
  public record ResolvedScan(ConversationRows rows,
      @Nullable ImmutableSortedSet<String> accountIds, @Nullable ActivityCutoff cutoff,
      @Nullable Long limit, long skip, boolean newestFirst) {
    /** Whether the scan can be answered without any request. */
    public boolean isEmpty() {
      return (accountIds != null && accountIds.isEmpty()) || (limit != null && limit <= 0)
          || (cutoff != null && cutoff.admitsNothing());
    }

    /** Whether each stream must keep the API's newest-first order (checked while reading). */
    public boolean reliesOnOrder() {
      return newestFirst || cutoff != null;
    }
  }
}
