package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every form of rate limit headers gives what is left and when it is reset. */
class RateLimitHeadersTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static RateLimitHeaders read(String... namesAndValues) {
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return RateLimitHeaders.read(headers::get, CLOCK);
  }

  private static RateLimitHeaders quota(long remaining, Duration resetAfter) {
    return new RateLimitHeaders(remaining, resetAfter);
  }

  @Test void xRateLimitWithSecondsUntilTheReset() {
    assertEquals(quota(0, Duration.ofSeconds(2)),
        read("X-RateLimit-Limit", "20", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "2"));
    assertEquals(quota(7, Duration.ofMillis(1500)),
        read("X-RateLimit-Remaining", " 7 ", "X-RateLimit-Reset", "1.5"));
  }

  @Test void xRateLimitWithAnEpochReset() {
    long epochSeconds = NOW.getEpochSecond() + 30;
    assertEquals(quota(0, Duration.ofSeconds(30)), read("X-RateLimit-Remaining", "0",
        "X-RateLimit-Reset", Long.toString(epochSeconds)));
    assertEquals(quota(3, Duration.ofMillis(4250)), read("X-RateLimit-Remaining", "3",
        "X-RateLimit-Reset", Long.toString(NOW.toEpochMilli() + 4250)));
    assertEquals(quota(0, Duration.ZERO), read("X-RateLimit-Remaining", "0",
        "X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() - 60)), "a reset passed");
  }

  @Test void ietfSeparateHeaders() {
    assertEquals(quota(5, Duration.ofSeconds(10)),
        read("RateLimit-Limit", "100", "RateLimit-Remaining", "5", "RateLimit-Reset", "10"));
  }

  @Test void ietfCombinedHeaders() {
    assertEquals(quota(50, Duration.ofSeconds(5)),
        read("RateLimit", "limit=100, remaining=50, reset=5"));
    assertEquals(quota(50, Duration.ofSeconds(30)),
        read("RateLimit", "\"default\";r=50;t=30", "RateLimit-Policy", "\"default\";q=100;w=60"));
    assertEquals(quota(1, Duration.ofSeconds(2)),
        read("RateLimit", "\"burst\";r=9;t=1, \"hour\";r=1;t=2, \"day\";r=800;t=40000"));
  }

  @Test void theDraftsHeadersWinOverTheCommonOnes() {
    assertEquals(quota(4, Duration.ofSeconds(1)), read("RateLimit", "r=4;t=1",
        "RateLimit-Remaining", "5", "X-RateLimit-Remaining", "6", "X-RateLimit-Reset", "9"));
    assertEquals(quota(5, Duration.ofSeconds(3)), read("RateLimit-Remaining", "5",
        "RateLimit-Reset", "3", "X-RateLimit-Remaining", "6", "X-RateLimit-Reset", "9"));
  }

  @Test void incompleteOrUnreadableHeadersSayNothing() {
    assertNull(read());
    assertNull(read("X-RateLimit-Remaining", "0"));
    assertNull(read("X-RateLimit-Reset", "5"));
    assertNull(read("X-RateLimit-Remaining", "-1", "X-RateLimit-Reset", "5"));
    assertNull(read("X-RateLimit-Remaining", "many", "X-RateLimit-Reset", "5"));
    assertNull(read("X-RateLimit-Remaining", "1", "X-RateLimit-Reset", "soon"));
    assertNull(read("X-RateLimit-Remaining", "1", "X-RateLimit-Reset", "1e3"));
    assertNull(read("X-RateLimit-Remaining", "1", "X-RateLimit-Reset", "NaN"));
    assertNull(read("X-RateLimit-Remaining", "1", "X-RateLimit-Reset",
        "Thu, 01 Jan 2026 00:00:30 GMT"));
    assertNull(read("RateLimit", "limit=100"));
    assertNull(read("RateLimit", "garbage"));
  }
}
