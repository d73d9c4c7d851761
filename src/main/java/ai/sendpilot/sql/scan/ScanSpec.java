package ai.sendpilot.sql.scan;

import com.google.common.collect.ImmutableSortedSet;
import org.apache.calcite.DataContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a scan pushes into the API, as planned: which accounts to read (all when
 * {@code accounts} is null), at most how many rows the query can use, and whether rows must
 * come newest activity first. Values may be parameters, resolved per execution by
 * {@link #resolve}.
 *
 * @param accounts the accounts to read, or null for every account of the workspace
 * @param limit the most rows the query can use (a LIMIT's offset included), or null
 * @param offset rows to skip before the first one returned, or null
 * @param newestFirst whether rows must come newest activity first (ORDER BY last_activity_at
 *     DESC answered from the API's own order)
 */
public record ScanSpec(@Nullable AccountFilter accounts, @Nullable RowLimit limit,
    @Nullable PushedValue offset, boolean newestFirst) {
  /** Every account, no limit, any order. */
  public static final ScanSpec ALL = new ScanSpec(null, null, null, false);

  /** Narrows to the accounts {@code filter} admits. */
  public ScanSpec withAccounts(AccountFilter filter) {
    return new ScanSpec(accounts == null ? filter : accounts.and(filter), limit, offset,
        newestFirst);
  }

  /** Lowers the row limit to {@code rows} if that is lower. */
  public ScanSpec withLimit(RowLimit rows) {
    return new ScanSpec(accounts, limit == null ? rows : limit.min(rows), offset, newestFirst);
  }

  /** The same scan, skipping the first {@code rows} rows. */
  public ScanSpec withOffset(PushedValue rows) {
    return new ScanSpec(accounts, limit, rows, newestFirst);
  }

  /** The same scan, rows newest activity first. */
  public ScanSpec withNewestFirst() {
    return new ScanSpec(accounts, limit, offset, true);
  }

  /** The scan of one execution, parameters replaced by their values. */
  public ResolvedScan resolve(DataContext root) {
    Object skip = offset == null ? null : offset.resolve(root);
    return new ResolvedScan(accounts == null ? null : accounts.resolve(root),
        limit == null ? null : limit.resolve(root),
        skip == null ? 0 : Math.max(0, ((Number) skip).longValue()), newestFirst);
  }

  /**
   * One execution's scan.
   *
   * @param accountIds the accounts to read in order, or null for all; empty: none
   * @param limit the most rows needed, or null
   * @param skip rows to skip before the first one returned
   * @param newestFirst whether rows must come newest activity first
   */
  public record ResolvedScan(@Nullable ImmutableSortedSet<String> accountIds,
      @Nullable Long limit, long skip, boolean newestFirst) {
    /** Whether the scan can be answered without any request. */
    public boolean isEmpty() {
      return (accountIds != null && accountIds.isEmpty()) || (limit != null && limit <= 0);
    }
  }
}
