package ai.sendpilot.sql.client;

/**
 * A request to the SendPilot API failed; the message names the request (never the key), the
 * HTTP status and the API's own message, and says what to do.
 */
public class SendPilotApiException extends RuntimeException {
  private final int status;
  private final String request;

  public SendPilotApiException(String message, int status, String request, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.request = request;
  }

  /** The HTTP status, or 0 when no response arrived or the body could not be read. */
  public int status() {
    return status;
  }

  /** Method and path with query, e.g. {@code GET /v1/inbox/conversations?limit=5}. */
  public String request() {
    return request;
  }
}
