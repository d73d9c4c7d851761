package ai.sendpilot.sql.client;

import dev.failsafe.Bulkhead;
import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request rate and concurrency allowed for one API key at one API host, shared by every
 * connection of the JVM that uses that key, so that many connections do not multiply the load.
 */
final class RequestLimits {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLimits.class);
  private static final Map<Owner, RequestLimits> SHARED = new ConcurrentHashMap<>();

  private final double requestsPerSecond;
  private final int maxConcurrent;
  private final RateLimiter<Object> rateLimiter;
  private final Bulkhead<Object> bulkhead;

  private RequestLimits(double requestsPerSecond, int maxConcurrent, Duration maxWait) {
    this.requestsPerSecond = requestsPerSecond;
    this.maxConcurrent = maxConcurrent;
    this.rateLimiter = RateLimiter.smoothBuilder(
            Duration.ofNanos(Math.max(1, (long) (1_000_000_000L / requestsPerSecond))))
        .withMaxWaitTime(maxWait).build();
    this.bulkhead = Bulkhead.builder(maxConcurrent).withMaxWaitTime(maxWait).build();
  }

  /** The limits of the key in {@code config}; the first connection of a key sets them. */
  static RequestLimits of(ClientConfig config) {
    Owner owner = new Owner(config.baseUrl().scheme(), config.baseUrl().host(),
        config.baseUrl().port(), config.apiKey());
    RequestLimits limits = SHARED.computeIfAbsent(owner, o -> new RequestLimits(
        config.requestsPerSecond(), config.maxConcurrentRequests(), Duration.ofMinutes(5)));
    if (limits.requestsPerSecond != config.requestsPerSecond()
        || limits.maxConcurrent != config.maxConcurrentRequests()) {
      LOG.info("Another connection already set the limits for this API key at {}: {} requests/s,"
          + " {} concurrent; keeping those", HttpUrl.get(config.baseUrl().toString()).host(),
          limits.requestsPerSecond, limits.maxConcurrent);
    }
    return limits;
  }

  RateLimiter<Object> rateLimiter() {
    return rateLimiter;
  }

  Bulkhead<Object> bulkhead() {
    return bulkhead;
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
