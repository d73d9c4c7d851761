package ai.sendpilot.sql.client;

import java.time.Duration;

/**
 * A request to the SendPilot API failed; the message names the request (never the key), the
 * HTTP status and the API's own message, and says what to do.
 */
public class SendPilotApiException extends RuntimeException {
  private final int status;
  private final String request;
  private final boolean retryable;
  private final Duration retryAfter;

  public SendPilotApiException(String message, int status, String request, Throwable cause) {
    this(message, status, request, cause, false, null);
  }

  SendPilotApiException(String message, int status, String request, Throwable cause,
      boolean retryable, Duration retryAfter) {
    super(message, cause);
    this.status = status;
    this.request = request;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /**
   * The HTTP status, 0 when no response arrived, or {@link ApiErrors#NO_REQUEST} when the driver
   * stopped before sending the request.
   */
  public int status() {
    return status;
  }

  /** Method and path with query, e.g. {@code GET /v1/inbox/conversations?limit=5}. */
  public String request() {
    return request;
  }

  /** Whether the same request may succeed if sent again (throttling, gateway errors, I/O). */
  public boolean retryable() {
    return retryable;
  }

  /** How long the API asked us to wait ({@code Retry-After}), or null when it did not say. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The same failure, its message prefixed with what was being read. */
  public SendPilotApiException whileReading(String what) {
    return ApiErrors.whileReading(this, what);
  }
}
