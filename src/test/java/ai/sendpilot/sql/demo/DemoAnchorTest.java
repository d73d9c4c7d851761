package ai.sendpilot.sql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The demo's data ends a few minutes before it starts: every time is derived from an anchor,
 * the same for one seed and one anchor, and moved as a whole by another anchor.
 */
class DemoAnchorTest {
  private static final Instant ANCHOR = Instant.parse("2031-05-06T07:08:09Z");

  private static DemoInbox inbox(long seed, Instant anchor) {
    return new DemoInbox(SimulatorConfig.builder().seed(seed).newestActivity(anchor).build());
  }

  @Test void byDefaultTheDataEndsFiveMinutesBeforeNow() {
    Clock clock = Clock.fixed(Instant.parse("2027-03-04T05:06:07.891Z"), ZoneOffset.UTC);
    assertEquals(Instant.parse("2027-03-04T05:01:07Z"),
        SimulatorConfig.defaultNewestActivity(null, clock));
    assertEquals(Instant.parse("2027-03-04T05:01:07Z"),
        SimulatorConfig.defaultNewestActivity(" ", clock));
    assertEquals(ANCHOR, SimulatorConfig.defaultNewestActivity("2031-05-06T07:08:09Z", clock));
  }

  @Test void aBadAnchorPropertyIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SimulatorConfig.defaultNewestActivity("yesterday", Clock.systemUTC()));
    assertEquals("sendpilot.demo.newestActivity must be an ISO instant such as"
        + " 2026-11-01T12:00:00Z, not 'yesterday'", e.getMessage());
  }

  @Test void theNewestActivityIsJustBeforeTheAnchor() {
    DemoInbox inbox = inbox(42, ANCHOR);
    long newest = inbox.lastActivityAt(0);
    assertTrue(newest <= ANCHOR.toEpochMilli()
        && newest > ANCHOR.minusSeconds(ThreadGenerator.STEP_SECONDS).toEpochMilli(),
        Instant.ofEpochMilli(newest).toString());
    for (long k = 1; k < inbox.size(); k++) {
      assertTrue(inbox.lastActivityAt(k) <= newest, "conversation " + k);
    }
  }

  @Test void oneSeedAndOneAnchorMakeTheSameData() {
    DemoInbox a = inbox(42, ANCHOR);
    DemoInbox b = inbox(42, ANCHOR);
    for (long k = 0; k < a.size(); k += 97) {
      assertEquals(a.conversation(k), b.conversation(k), "conversation " + k);
      assertEquals(a.thread(k), b.thread(k), "thread " + k);
    }
  }

  @Test void anotherAnchorMovesEveryTimeByTheDifference() {
    Duration shift = Duration.ofDays(400).plusMinutes(3);
    DemoInbox a = inbox(42, ANCHOR);
    DemoInbox b = inbox(42, ANCHOR.plus(shift));
    for (long k = 0; k < a.size(); k += 31) {
      assertEquals(a.conversationId(k), b.conversationId(k));
      assertEquals(a.lastActivityAt(k) + shift.toMillis(), b.lastActivityAt(k));
      InboxJson.Conversation ca = a.conversation(k);
      InboxJson.Conversation cb = b.conversation(k);
      assertEquals(ca.participants(), cb.participants());
      assertEquals(Instant.parse(ca.createdAt()).plus(shift), Instant.parse(cb.createdAt()));
    }
  }

  @Test void simulatorMainTakesAnAnchor() {
    assertEquals(ANCHOR, SimulatorMain.parse(new String[] {"--newest-activity",
        "2031-05-06T07:08:09Z"}).newestActivity());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SimulatorMain.parse(new String[] {"--newest-activity", "now"}));
    assertEquals("--newest-activity needs an ISO instant such as 2026-11-01T12:00:00Z, got now",
        e.getMessage());
  }
}
