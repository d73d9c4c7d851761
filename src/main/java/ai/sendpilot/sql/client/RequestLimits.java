package ai.sendpilot.sql.client;

import dev.failsafe.Bulkhead;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request rate and concurrency allowed for one API key at one API origin, shared by every
 * connection of the JVM that uses that key, so that many connections do not multiply the load:
 * the pace the API's answers teach ({@link AdaptiveRateLimit}, within {@code requestsPerSecond}
 * when set) and a bulkhead of {@code maxConcurrentRequests}.
 */
final class RequestLimits {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLimits.class);
  private static final Map<Owner, RequestLimits> SHARED = new ConcurrentHashMap<>();
  /** The longest a request waits for its turn. */
  static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private final Double requestsPerSecond;
  private final int maxConcurrent;
  private final AdaptiveRateLimit rate;
  private final Bulkhead<Object> bulkhead;

  private RequestLimits(Double requestsPerSecond, int maxConcurrent) {
    this.requestsPerSecond = requestsPerSecond;
    this.maxConcurrent = maxConcurrent;
    this.rate = new AdaptiveRateLimit(
        requestsPerSecond == null ? Double.POSITIVE_INFINITY : requestsPerSecond, MAX_WAIT,
        System::nanoTime);
    this.bulkhead = Bulkhead.builder(maxConcurrent).withMaxWaitTime(MAX_WAIT).build();
  }

  /** The limits of the key in {@code config}; the first connection of a key sets them. */
  static RequestLimits of(ClientConfig config) {
    Owner owner = new Owner(config.baseUrl().scheme(), config.baseUrl().host(),
        config.baseUrl().port(), config.apiKey());
    RequestLimits limits = SHARED.computeIfAbsent(owner, o -> new RequestLimits(
        config.requestsPerSecond(), config.maxConcurrentRequests()));
    if (!Objects.equals(limits.requestsPerSecond, config.requestsPerSecond())
        || limits.maxConcurrent != config.maxConcurrentRequests()) {
      LOG.info("Another connection already set the limits for this API key at {}:"
          + " requestsPerSecond={}, maxConcurrentRequests={}; keeping those",
          HttpUrl.get(config.baseUrl().toString()).host(),
          limits.requestsPerSecond == null ? "none" : limits.requestsPerSecond,
          limits.maxConcurrent);
    }
    return limits;
  }

  AdaptiveRateLimit rate() {
    return rate;
  }

  Bulkhead<Object> bulkhead() {
    return bulkhead;
  }

  /**
   * Learns from an answer: a {@code 429}, a {@code Retry-After} (with a 429 or a 503) and the
   * rate limit headers.
   *
   * @param sentAt when the attempt was sent, as {@link System#nanoTime}
   */
  void answered(long sentAt, int status, Headers headers) {
    Clock clock = Clock.systemUTC();
    Duration retryAfter = status == 429 || status == 503
        ? RetryAfter.parse(headers.get("Retry-After"), clock) : null;
    rate.answered(sentAt, status == 429, retryAfter, RateLimitHeaders.read(headers::get, clock));
  }

  /** Who the limits belong to: an API origin and a key. */
  private record Owner(String scheme, String host, int port, ApiKey key) {
    Owner {
      Objects.requireNonNull(key);
    }

    @Override public String toString() {
      return scheme + "://" + host + ":" + port;
    }
  }
}
