package ai.sendpilot.sql.scan;

import java.time.Instant;

/**
 * One execution's oldest admitted last activity: a newest-first stream ends at its first
 * conversation older than this (or exactly at it, when not inclusive), since all that follow
 * are older still.
 *
 * @param epochMillis the bound, in Calcite's TIMESTAMP epoch millis
 * @param inclusive whether a conversation exactly at the bound is admitted
 */
public record ActivityCutoff(long epochMillis, boolean inclusive) {
  /** Admits no conversation. */
  static final ActivityCutoff NOTHING = new ActivityCutoff(Long.MAX_VALUE, false);

  /** Whether a conversation last active at {@code at} is on the admitted side. */
  public boolean admits(Instant at) {
    long millis = at.toEpochMilli();
    return inclusive ? millis >= epochMillis : millis > epochMillis;
  }

  /** Whether no conversation is admitted, so the scan needs no request at all. */
  boolean admitsNothing() {
    return equals(NOTHING);
  }

  /** The tighter of this cutoff and {@code other}. */
  ActivityCutoff tighter(ActivityCutoff other) {
    if (other.epochMillis != epochMillis) {
      return other.epochMillis > epochMillis ? other : this;
    }
    return inclusive ? other : this;
  }
}
