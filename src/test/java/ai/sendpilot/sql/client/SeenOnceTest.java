package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.sendpilot.sql.client.SeenOnce.Sighting;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Repeats found anywhere, in memory bounded by the ties at the oldest time seen. */
class SeenOnceTest {
  private static final Instant T0 = Instant.parse("2024-02-24T15:30:00Z");

  private static Instant minutesBefore(int m) {
    return T0.minusSeconds(60L * m);
  }

  @Test void everyRepeatIsFoundBeforeTheBound() {
    SeenOnce seen = new SeenOnce(100);
    for (int i = 0; i < 50; i++) {
      assertEquals(Sighting.NEW, seen.sight("c" + i, minutesBefore(i)));
    }
    // Out of order and far back: still found.
    assertEquals(Sighting.REPEAT, seen.sight("c3", minutesBefore(3)));
    assertEquals(Sighting.REPEAT, seen.sight("c40", null));
    assertEquals(Sighting.NEW, seen.sight("new", minutesBefore(2)));
  }

  @Test void pastTheBoundAnOrderedStreamKeepsOnlyItsTiesAndStillFindsRepeats() {
    SeenOnce seen = new SeenOnce(4);
    for (int i = 0; i < 1_000; i++) {
      // Three conversations per minute: ties at every time.
      Instant at = minutesBefore(i / 3);
      assertEquals(Sighting.NEW, seen.sight("c" + i, at), "c" + i);
      // A repeat of the one before (a page boundary shifted by new activity).
      if (i > 0 && (i - 1) / 3 == i / 3) {
        assertEquals(Sighting.REPEAT, seen.sight("c" + (i - 1), at), "c" + (i - 1));
      }
      assertEquals(true, seen.remembered() <= 4, "remembered " + seen.remembered());
    }
  }

  @Test void pastTheBoundAnOutOfOrderConversationIsUndecidable() {
    SeenOnce seen = new SeenOnce(4);
    for (int i = 0; i < 10; i++) {
      seen.sight("c" + i, minutesBefore(i));
    }
    // c0 was forgotten; it comes back newer than the oldest seen: it may be a repeat.
    assertEquals(Sighting.UNDECIDABLE, seen.sight("c0", minutesBefore(0)));
    assertEquals(Sighting.UNDECIDABLE, seen.sight("never-seen", minutesBefore(5)));
    // At or before the oldest time, a conversation not remembered is new.
    assertEquals(Sighting.NEW, seen.sight("c10", minutesBefore(9)));
  }

  @Test void tooManyWithoutATimeIsUndecidable() {
    SeenOnce seen = new SeenOnce(3);
    for (int i = 0; i < 3; i++) {
      assertEquals(Sighting.NEW, seen.sight("c" + i, null));
    }
    assertEquals(Sighting.REPEAT, seen.sight("c1", null));
    assertEquals(Sighting.UNDECIDABLE, seen.sight("c3", null));
  }
}
