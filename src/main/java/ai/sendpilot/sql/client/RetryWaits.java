package ai.sendpilot.sql.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The waits between the attempts of one request, within its budget ({@code maxRetryWaitMs}):
 * as long as the API's {@code Retry-After} says, exactly, else an exponential backoff with
 * jitter, cut to what is left. A {@code Retry-After} longer than what is left ends the retries.
 */
final class RetryWaits {
  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  /** The backoff varies by up to this fraction either way, so that clients do not align. */
  static final double JITTER = 0.25;

  private final Duration budget;
  private Duration waited = Duration.ZERO;

  RetryWaits(Duration budget) {
    this.budget = budget;
  }

  /** The wait the request's budget still allows. */
  synchronized Duration left() {
    Duration left = budget.minus(waited);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The whole budget, as configured. */
  Duration budget() {
    return budget;
  }

  /**
   * Whether {@code failure} must end the retries although it is retryable: the API asked for a
   * longer wait than what is left, or, when it did not say, nothing is left.
   */
  boolean refuses(SendPilotApiException failure) {
    Duration asked = failure.retryAfter();
    return asked != null ? asked.compareTo(left()) > 0 : left().isZero();
  }

  /**
   * The wait before the next attempt.
   *
   * @param failure the failure of the last attempt
   * @param failedAttempts attempts made so far, from 1
   * @param random a number in [0, 1) that picks the jitter
   */
  Duration next(Throwable failure, int failedAttempts, double random) {
    if (failure instanceof SendPilotApiException
        && ((SendPilotApiException) failure).retryAfter() != null) {
      return ((SendPilotApiException) failure).retryAfter();
    }
    long backoff = FIRST_BACKOFF.toNanos() << Math.min(Math.max(failedAttempts - 1, 0), 20);
    double jittered = Math.min(backoff, MAX_BACKOFF.toNanos()) * (1 + JITTER * (2 * random - 1));
    Duration wait = Duration.ofNanos((long) jittered);
    Duration left = left();
    return wait.compareTo(left) > 0 ? left : wait;
  }

  /** {@link #next(Throwable, int, double)} with a random jitter. */
  Duration next(Throwable failure, int failedAttempts) {
    return next(failure, failedAttempts, ThreadLocalRandom.current().nextDouble());
  }

  /** Records a wait that was scheduled. */
  synchronized void waiting(Duration wait) {
    waited = waited.plus(wait);
  }
}
