package ai.sendpilot.sql.adapter;

import com.google.common.collect.ImmutableSortedSet;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a scan pushes into the API: which accounts to read (all when {@code accountIds} is
 * null, none when it is empty) and at most how many rows the query can use.
 *
 * @param accountIds the accounts to read in order, or null for every account of the workspace
 * @param limit the most rows the query can use, or null when unbounded
 * @param newestFirst whether rows must come newest activity first (ORDER BY last_activity_at
 *     DESC answered from the API's own order)
 */
public record ScanSpec(@Nullable ImmutableSortedSet<String> accountIds, @Nullable Long limit,
    boolean newestFirst) {
  /** Every account, no limit, any order. */
  public static final ScanSpec ALL = new ScanSpec(null, null, false);

  /** Narrows to the accounts also in {@code accounts}. */
  public ScanSpec withAccounts(Set<String> accounts) {
    ImmutableSortedSet<String> narrowed = accountIds == null
        ? ImmutableSortedSet.copyOf(accounts)
        : ImmutableSortedSet.copyOf(accountIds.stream().filter(accounts::contains).iterator());
    return new ScanSpec(narrowed, limit, newestFirst);
  }

  /** Lowers the row limit to {@code rows} if that is lower. */
  public ScanSpec withLimit(long rows) {
    return new ScanSpec(accountIds, limit == null ? rows : Math.min(limit, rows), newestFirst);
  }

  /** The same scan, rows newest activity first. */
  public ScanSpec withNewestFirst() {
    return new ScanSpec(accountIds, limit, true);
  }

  /** Whether the scan can be answered without any request. */
  public boolean isEmpty() {
    return (accountIds != null && accountIds.isEmpty()) || (limit != null && limit <= 0);
  }
}
