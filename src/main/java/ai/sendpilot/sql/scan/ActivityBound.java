package ai.sendpilot.sql.scan;

import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * A lower bound on a conversation's last activity, {@code last_activity_at >= time + shift}
 * ({@code >} when not inclusive), whose time is a literal, a parameter or a variable of the
 * execution such as {@code CURRENT_TIMESTAMP}.
 *
 * @param time epoch millis (Calcite's TIMESTAMP value), known when planning or when running
 * @param shiftMillis a fixed interval added to {@code time}, such as {@code - INTERVAL '7' DAY}
 * @param inclusive whether a conversation exactly at the bound is admitted
 */
public record ActivityBound(PushedValue time, long shiftMillis, boolean inclusive) {
  /**
   * The bound for one execution; one that admits nothing when its value is NULL (no row passes
   * a comparison with NULL).
   *
   * @throws IllegalArgumentException when the value is not a TIMESTAMP's epoch millis (a
   *     parameter bound with {@code setString}, say), which Calcite's own code rejects too
   */
  ActivityCutoff resolve(DataContext root) {
    Object value = time.resolve(root);
    if (value == null) {
      return ActivityCutoff.NOTHING;
    }
    if (!(value instanceof Number)) {
      throw new IllegalArgumentException("The value of " + time + " compared with "
          + SendPilotTableKind.LAST_ACTIVITY_AT + " is a " + value.getClass().getName()
          + ", not a TIMESTAMP; bind it with setTimestamp.");
    }
    return new ActivityCutoff(((Number) value).longValue() + shiftMillis, inclusive);
  }

  @Override public String toString() {
    String base = time.isLiteral() && time.literal() instanceof Number
        ? DateTimeUtils.unixTimestampToString(((Number) time.literal()).longValue(), 3)
        : time.toString();
    String shift = shiftMillis == 0 ? ""
        : (shiftMillis < 0 ? " - " : " + ") + interval(Math.abs(shiftMillis));
    return (inclusive ? ">= " : "> ") + base + shift;
  }

  /** {@code INTERVAL '7' DAY}, in the largest unit that divides {@code millis}. */
  private static String interval(long millis) {
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"DAY", "HOUR", "MINUTE", "SECOND"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis % sizes[i] == 0) {
        return "INTERVAL '" + millis / sizes[i] + "' " + units[i];
      }
    }
    return "INTERVAL '" + millis / 1000.0 + "' SECOND";
  }
}
