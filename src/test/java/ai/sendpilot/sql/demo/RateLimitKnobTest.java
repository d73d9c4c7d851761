package ai.sendpilot.sql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The simulator answers 429 above its rate limit, and can say what is left in headers. */
class RateLimitKnobTest {
  private static final String FIRST_PAGE = SimHttp.conversations(null, 5, null);
  private static final long MS = 1_000_000L;

  private final AtomicLong now = new AtomicLong(7 * MS);

  private static HttpReply ok() {
    return HttpReply.json(200, Map.of("ok", true));
  }

  @Test void aBucketLetsOneSecondsRequestsThroughThenRefillsSteadily() {
    RateLimitBucket bucket = new RateLimitBucket(5, true, now::get);
    for (int remaining = 4; remaining >= 0; remaining--) {
      HttpReply reply = bucket.answer(RateLimitKnobTest::ok);
      assertEquals(200, reply.status());
      assertEquals(Map.of("X-RateLimit-Limit", "5",
          "X-RateLimit-Remaining", Integer.toString(remaining),
          "X-RateLimit-Reset", "1"), reply.headers());
    }
    HttpReply refused = bucket.answer(RateLimitKnobTest::ok);
    assertEquals(429, refused.status());
    assertEquals("1", refused.headers().get("Retry-After"));
    assertEquals("0", refused.headers().get("X-RateLimit-Remaining"));
    // One token every 200 ms.
    now.addAndGet(199 * MS);
    assertEquals(429, bucket.answer(RateLimitKnobTest::ok).status());
    now.addAndGet(2 * MS);
    assertEquals(200, bucket.answer(RateLimitKnobTest::ok).status());
    assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 201L),
        bucket.admitted().stream().map(Duration::toMillis).toList());
    assertEquals(List.of(0L, 199L), bucket.refused().stream().map(Duration::toMillis).toList());
    now.addAndGet(2000 * MS);
    assertEquals(Map.of("X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "4",
        "X-RateLimit-Reset", "1"), bucket.answer(RateLimitKnobTest::ok).headers());
  }

  @Test void aRefusedRequestIsNotServed() {
    RateLimitBucket bucket = new RateLimitBucket(1, false, now::get);
    assertEquals(200, bucket.answer(RateLimitKnobTest::ok).status());
    HttpReply refused = bucket.answer(() -> {
      throw new AssertionError("a refused request was served");
    });
    assertEquals(Map.of("Retry-After", "1"), refused.headers());
  }

  @Test void theSimulatorThrottlesAboveItsRateAndCountsIt() {
    try (InboxSimulator sim = new InboxSimulator(SimulatorConfig.builder().conversations(20)
        .rateLimit(3).build()).start()) {
      SimHttp http = new SimHttp(sim);
      for (int i = 0; i < 3; i++) {
        SimHttp.Reply reply = http.get(FIRST_PAGE);
        assertEquals(200, reply.status());
        assertNull(reply.header("X-RateLimit-Remaining"), "headers are a knob of their own");
      }
      SimHttp.Reply throttled = http.get(FIRST_PAGE);
      assertEquals(429, throttled.status());
      assertEquals("1", throttled.header("Retry-After"));
      assertEquals("Too Many Requests", throttled.json().get("error").asText());
      assertEquals(3, sim.admittedAt().size());
      assertEquals(1, sim.throttledAt().size());
      assertEquals(4, sim.requestCount());
    }
  }

  @Test void theSimulatorSaysWhatIsLeftWhenAsked() {
    try (InboxSimulator sim = new InboxSimulator(SimulatorConfig.builder().conversations(20)
        .rateLimit(100).rateLimitHeaders(true).build()).start()) {
      SimHttp.Reply reply = new SimHttp(sim).get(FIRST_PAGE);
      assertEquals(200, reply.status());
      assertEquals("100", reply.header("X-RateLimit-Limit"));
      assertEquals("99", reply.header("X-RateLimit-Remaining"));
      assertEquals("1", reply.header("X-RateLimit-Reset"));
    }
  }

  @Test void withoutALimitNothingIsCounted() {
    try (InboxSimulator sim = new InboxSimulator(SimulatorConfig.builder().conversations(20)
        .build()).start()) {
      assertEquals(200, new SimHttp(sim).get(FIRST_PAGE).status());
      assertEquals(List.of(), sim.admittedAt());
      assertEquals(List.of(), sim.throttledAt());
    }
  }

  @Test void commandLineFlags() {
    SimulatorConfig config = SimulatorMain.parse(new String[] {"--rate-limit", "20",
        "--rate-limit-headers", "true"});
    assertEquals(20, config.rateLimit());
    assertEquals(true, config.rateLimitHeaders());
    SimulatorConfig defaults = SimulatorMain.parse(new String[0]);
    assertEquals(0, defaults.rateLimit());
    assertEquals(false, defaults.rateLimitHeaders());
    assertEquals(config, config.toBuilder().build());
    for (String[] args : List.of(new String[] {"--rate-limit", "-1"},
        new String[] {"--rate-limit", "x"}, new String[] {"--rate-limit-headers", "yes"})) {
      assertThrows(IllegalArgumentException.class, () -> SimulatorMain.parse(args),
          String.join(" ", args));
    }
  }
}
