package ai.sendpilot.sql.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The simulator's rate limit: a token bucket holding one second's worth of requests, refilled
 * continuously; a request finding no token is answered {@code 429} with a {@code Retry-After}.
 * Optionally every answer says what is left in {@code X-RateLimit-*} headers. Remembers when
 * it let requests through and when it refused them.
 */
final class RateLimitBucket {
  private static final long SECOND = 1_000_000_000L;

  private final int perSecond;
  private final boolean headers;
  private final LongSupplier clock;
  private final long started;
  private final List<Long> admitted = new ArrayList<>();
  private final List<Long> refused = new ArrayList<>();
  private double tokens;
  private long refilledAt;

  /**
   * @param perSecond requests per second let through, and the size of a burst
   * @param headers whether answers carry {@code X-RateLimit-*} headers
   * @param clock nanoseconds, as {@link System#nanoTime}
   */
  RateLimitBucket(int perSecond, boolean headers, LongSupplier clock) {
    this.perSecond = perSecond;
    this.headers = headers;
    this.clock = clock;
    this.started = clock.getAsLong();
    this.tokens = perSecond;
    this.refilledAt = started;
  }

  /**
   * The answer to a request: {@code reply}'s, when a token is left for it, else a 429; with the
   * rate limit headers if asked for.
   */
  HttpReply answer(Supplier<HttpReply> reply) {
    double left = take();
    HttpReply answer = left >= 0 ? reply.get()
        : HttpReply.error(429, "Too many requests, please retry later", "Too Many Requests")
            .withHeader("Retry-After", Long.toString(Math.max(1, wholeSeconds(-left))));
    if (!headers) {
      return answer;
    }
    double tokens = Math.max(0, left);
    return answer.withHeader("X-RateLimit-Limit", Integer.toString(perSecond))
        .withHeader("X-RateLimit-Remaining", Long.toString((long) Math.floor(tokens)))
        .withHeader("X-RateLimit-Reset", Long.toString(wholeSeconds(perSecond - tokens)));
  }

  /**
   * Takes a token: returns the tokens left after it, or, when there was none, minus the part
   * of a token still missing.
   */
  private synchronized double take() {
    long now = clock.getAsLong();
    tokens = Math.min(perSecond, tokens + (double) (now - refilledAt) * perSecond / SECOND);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      admitted.add(now - started);
      return tokens;
    }
    refused.add(now - started);
    return tokens - 1;
  }

  /** When requests were let through, from the start. */
  synchronized List<Duration> admitted() {
    return admitted.stream().map(Duration::ofNanos).toList();
  }

  /** When requests were answered 429, from the start. */
  synchronized List<Duration> refused() {
    return refused.stream().map(Duration::ofNanos).toList();
  }

  /** The whole seconds, rounded up, until {@code missing} tokens are back. */
  private long wholeSeconds(double missing) {
    return (long) Math.ceil(missing / perSecond);
  }
}
