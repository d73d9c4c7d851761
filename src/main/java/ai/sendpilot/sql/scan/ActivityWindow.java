package ai.sendpilot.sql.scan;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The lower bounds on last activity a scan reads down to (an AND of them): each account's
 * stream, newest first, ends at its first conversation older than the tightest bound.
 */
public record ActivityWindow(ImmutableList<ActivityBound> bounds) {
  /** A window of all of {@code bounds}. */
  public static ActivityWindow of(List<ActivityBound> bounds) {
    return new ActivityWindow(ImmutableList.copyOf(bounds));
  }

  /** The window that admits what both admit. */
  public ActivityWindow and(ActivityWindow other) {
    return new ActivityWindow(ImmutableList.<ActivityBound>builder()
        .addAll(bounds).addAll(other.bounds).build());
  }

  /** The tightest bound of one execution; null when there is none. */
  public @Nullable ActivityCutoff resolve(DataContext root) {
    ActivityCutoff tightest = null;
    for (ActivityBound bound : bounds) {
      ActivityCutoff cutoff = bound.resolve(root);
      tightest = tightest == null ? cutoff : tightest.tighter(cutoff);
    }
    return tightest;
  }

  @Override public String toString() {
    return bounds.stream().map(ActivityBound::toString).collect(Collectors.joining(", "));
  }
}
