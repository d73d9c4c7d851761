package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits of one request: Retry-After exactly, backoff with jitter, all within the budget. */
class RetryWaitsTest {
  private static SendPilotApiException throttled(Duration retryAfter) {
    return new SendPilotApiException("throttled", 429, "GET /x", null, true, retryAfter);
  }

  private static SendPilotApiException dropped() {
    return ApiErrors.transport("GET /x", new IOException("unexpected end of stream"));
  }

  @Test void retryAfterIsWaitedExactlyNeitherStretchedNorShortened() {
    RetryWaits waits = new RetryWaits(Duration.ofSeconds(60));
    SendPilotApiException fifty = throttled(Duration.ofSeconds(50));
    assertFalse(waits.refuses(fifty));
    for (double random : new double[] {0, 0.5, 0.999}) {
      assertEquals(Duration.ofSeconds(50), waits.next(fifty, 1, random));
    }
    assertEquals(Duration.ZERO, waits.next(throttled(Duration.ZERO), 3, 0.7));
  }

  @Test void theWaitsOfOneRequestStayWithinTheBudget() {
    RetryWaits waits = new RetryWaits(Duration.ofSeconds(60));
    waits.waiting(Duration.ofSeconds(50));
    assertEquals(Duration.ofSeconds(10), waits.left());
    assertTrue(waits.refuses(throttled(Duration.ofSeconds(11))));
    assertFalse(waits.refuses(throttled(Duration.ofSeconds(10))));
    assertFalse(waits.refuses(dropped()));
    // A backoff longer than what is left is cut to it.
    assertEquals(Duration.ofSeconds(10), waits.next(dropped(), 12, 0.999));
    waits.waiting(Duration.ofSeconds(10));
    assertEquals(Duration.ZERO, waits.left());
    assertTrue(waits.refuses(dropped()));
    assertFalse(waits.refuses(throttled(Duration.ZERO)));
  }

  @Test void backoffDoublesFrom200MsTo10sWithJitterOfAQuarter() {
    RetryWaits waits = new RetryWaits(Duration.ofMinutes(10));
    assertEquals(Duration.ofMillis(150), waits.next(dropped(), 1, 0));
    assertEquals(Duration.ofMillis(200), waits.next(dropped(), 1, 0.5));
    assertEquals(Duration.ofMillis(400), waits.next(dropped(), 2, 0.5));
    assertEquals(Duration.ofMillis(800), waits.next(dropped(), 3, 0.5));
    assertEquals(Duration.ofSeconds(10), waits.next(dropped(), 7, 0.5));
    assertEquals(Duration.ofMillis(12_500), waits.next(dropped(), 40, 1));
  }
}
