package ai.sendpilot.sql.scan;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
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

  /** The window that admits what both admit; a bound already present is not added again. */
  public ActivityWindow and(ActivityWindow other) {
    List<ActivityBound> all = new ArrayList<>(bounds);
    for (ActivityBound bound : other.bounds) {
      if (!all.contains(bound)) {
        all.add(bound);
      }
    }
    return all.size() == bounds.size() ? this : new ActivityWindow(ImmutableList.copyOf(all));
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
