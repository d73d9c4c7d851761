package ai.sendpilot.sql.server;

import java.time.Duration;

/**
 * What one HTTP request and one query may take of the server.
 *
 * @param maxRequestBytes the largest request body read; a larger one gets 413
 * @param readTimeout how long a request's headers and body may take to arrive, and how long a
 *     connection may stay silent
 * @param maxHttpConnections open HTTP connections at once; more wait to be accepted
 * @param queryTimeout how long a query may run; zero for no limit
 */
record RequestLimits(long maxRequestBytes, Duration readTimeout, int maxHttpConnections,
    Duration queryTimeout) {
  static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;

  RequestLimits {
    if (maxRequestBytes < 1024) {
      throw new IllegalArgumentException("--max-request-bytes must be at least 1024, got "
          + maxRequestBytes);
    }
    if (readTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("--read-timeout-s must be at least 1");
    }
    if (maxHttpConnections < 2) {
      throw new IllegalArgumentException("--max-http-connections must be at least 2, got "
          + maxHttpConnections);
    }
    if (queryTimeout.isNegative()) {
      throw new IllegalArgumentException("--query-timeout-s must be 0 (none) or more");
    }
  }

  /** The defaults of {@code ./sendpilot-server}. */
  static RequestLimits defaults() {
    return new RequestLimits(DEFAULT_MAX_REQUEST_BYTES, Duration.ofSeconds(30), 512,
        Duration.ofSeconds(300));
  }
}
