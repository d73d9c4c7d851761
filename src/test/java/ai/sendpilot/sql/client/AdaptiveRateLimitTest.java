package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The AIMD pace on a clock the test moves: cuts, growth, pauses, quotas and the cap. */
class AdaptiveRateLimitTest {
  private static final long MS = 1_000_000L;
  private static final long SECOND = 1000 * MS;
  private static final double NO_CAP = Double.POSITIVE_INFINITY;

  private final AtomicLong now = new AtomicLong(123 * SECOND);

  private AdaptiveRateLimit limit(double cap) {
    return new AdaptiveRateLimit(cap, Duration.ofMinutes(5), now::get);
  }

  private void advance(long nanos) {
    now.addAndGet(nanos);
  }

  /** {@code count} requests each answered 200 at once, {@code gap} apart. */
  private void accepted(AdaptiveRateLimit limit, int count, long gap) {
    for (int i = 0; i < count; i++) {
      assertEquals(0, limit.reserve());
      limit.answered(now.get(), false, null, null);
      advance(gap);
    }
  }

  @Test void withoutPushbackNoRequestWaits() {
    AdaptiveRateLimit limit = limit(NO_CAP);
    for (int i = 0; i < 10_000; i++) {
      assertEquals(0, limit.reserve(), "request " + i);
      limit.answered(now.get(), false, null, null);
    }
    assertEquals(NO_CAP, limit.rate());
  }

  @Test void aFirst429CutsToAShareOfTheRateTheApiAccepted() {
    AdaptiveRateLimit limit = limit(NO_CAP);
    accepted(limit, 20, 10 * MS);
    long sent = now.get();
    limit.answered(sent, true, null, null);
    assertEquals(AdaptiveRateLimit.DECREASE * 20, limit.rate(), 1e-9);
    // Turns are now spaced 1/16 s apart.
    assertEquals(0, limit.reserve());
    assertEquals(62_500_000, limit.reserve());
    assertEquals(125_000_000, limit.reserve());
  }

  @Test void only429sToRequestsSentAfterTheCutCutAgain() {
    AdaptiveRateLimit limit = limit(NO_CAP);
    accepted(limit, 10, 10 * MS);
    long before = now.get() - 5 * MS;
    limit.answered(now.get(), true, null, null);
    assertEquals(8, limit.rate(), 1e-9);
    limit.answered(before, true, null, null);
    assertEquals(8, limit.rate(), 1e-9, "a 429 to a request sent before the cut");
    advance(MS);
    limit.answered(now.get() - 1, true, null, null);
    assertEquals(8 * AdaptiveRateLimit.DECREASE
        + AdaptiveRateLimit.DECREASE * AdaptiveRateLimit.GROWTH_PER_SECOND * 10 * 0.001,
        limit.rate(), 1e-9);
  }

  @Test void theRateGrowsBackLinearlyThenPacingStops() {
    AdaptiveRateLimit limit = limit(NO_CAP);
    accepted(limit, 10, 10 * MS);
    limit.answered(now.get(), true, null, null);
    assertEquals(8, limit.rate(), 1e-9);
    advance(SECOND);
    assertEquals(9, limit.rate(), 1e-9);
    advance(2 * SECOND);
    assertEquals(11, limit.rate(), 1e-9);
    // Up to twice the rate before the cut, 12 s after it.
    advance(8 * SECOND);
    assertEquals(19, limit.rate(), 1e-9);
    advance(SECOND);
    assertEquals(NO_CAP, limit.rate());
    assertEquals(0, limit.reserve());
    assertEquals(0, limit.reserve());
  }

  @Test void aCutWhilePacedCutsTheCurrentRate() {
    AdaptiveRateLimit limit = limit(NO_CAP);
    accepted(limit, 10, 10 * MS);
    limit.answered(now.get(), true, null, null);
    advance(2 * SECOND);
    assertEquals(10, limit.rate(), 1e-9);
    limit.answered(now.get(), true, null, null);
    assertEquals(8, limit.rate(), 1e-9);
    advance(SECOND);
    assertEquals(9, limit.rate(), 1e-9);
  }

  @Test void withoutRecentAnswersAFirst429CutsToBelowOneRequestPerSecond() {
    AdaptiveRateLimit limit = limit(NO_CAP);
    limit.answered(now.get(), true, null, null);
    assertEquals(AdaptiveRateLimit.DECREASE, limit.rate(), 1e-9);
  }

  @Test void retryAfterHoldsEveryRequestUntilItPasses() {
    AdaptiveRateLimit limit = limit(NO_CAP);
    accepted(limit, 30, 10 * MS);
    limit.answered(now.get(), true, Duration.ofSeconds(2), null);
    assertEquals(2 * SECOND, limit.pausedFor());
    assertEquals(2 * SECOND, limit.reserve());
    advance(500 * MS);
    assertEquals(1500 * MS, limit.pausedFor());
    advance(1500 * MS);
    assertEquals(0, limit.pausedFor());
  }

  @Test void aUsedUpQuotaHoldsRequestsUntilItsReset() {
    AdaptiveRateLimit limit = limit(NO_CAP);
    limit.answered(now.get(), false, null, new RateLimitHeaders(0, Duration.ofSeconds(3)));
    assertEquals(3 * SECOND, limit.pausedFor());
    assertEquals(3 * SECOND, limit.reserve());
    // After the reset, what is left is unknown until the API says: no waiting.
    advance(3 * SECOND);
    assertEquals(0, limit.reserve());
    assertEquals(0, limit.reserve());
    assertEquals(NO_CAP, limit.rate());
  }

  @Test void theQuotaCountsRequestsSentSinceAndThoseInFlight() {
    AdaptiveRateLimit limit = limit(NO_CAP);
    CompletableFuture<Object> other = limit.sending(CompletableFuture::new);
    CompletableFuture<Object> answered = limit.sending(CompletableFuture::new);
    // 3 left, but one other request is still in flight: 2 more may go before the reset.
    limit.answered(now.get(), false, null, new RateLimitHeaders(3, Duration.ofSeconds(1)));
    answered.complete(null);
    assertEquals(0, limit.reserve());
    assertEquals(0, limit.reserve());
    assertEquals(SECOND, limit.reserve());
    other.complete(null);
  }

  @Test void anExplicitCapPacesWithoutPushbackAndBoundsTheGrowth() {
    AdaptiveRateLimit limit = limit(4);
    assertEquals(4, limit.rate(), 1e-9);
    for (int i = 0; i < 8; i++) {
      long wait = limit.reserve();
      assertEquals(i == 0 ? 0 : 250 * MS, wait, "request " + i);
      advance(wait);
      limit.answered(now.get(), false, null, null);
    }
    limit.answered(now.get(), true, null, null);
    assertEquals(3.2, limit.rate(), 1e-9);
    advance(5 * SECOND);
    assertEquals(4, limit.rate(), 1e-9);
  }

  @Test void aTurnTooFarAwayIsRefusedAndNotTaken() {
    AdaptiveRateLimit limit = limit(NO_CAP);
    limit.answered(now.get(), false, null, new RateLimitHeaders(0, Duration.ofMinutes(10)));
    assertEquals(-1, limit.reserve());
    assertEquals(-1, limit.reserve());
    advance(Duration.ofMinutes(6).toNanos());
    assertEquals(Duration.ofMinutes(4).toNanos(), limit.reserve());
  }

  @Test void aFailedSendIsNotLeftInFlight() {
    AdaptiveRateLimit limit = limit(NO_CAP);
    assertThrows(IllegalStateException.class, () -> limit.sending(() -> {
      throw new IllegalStateException("not sent");
    }));
    CompletableFuture<Object> attempt = limit.sending(CompletableFuture::new);
    // No other request in flight: the one left may go.
    limit.answered(now.get(), false, null, new RateLimitHeaders(1, Duration.ofSeconds(1)));
    attempt.complete(null);
    assertEquals(0, limit.reserve());
    assertEquals(SECOND, limit.reserve());
  }
}
