package ai.sendpilot.sql.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The wording of every error of the API client: which request failed (never the key), how, the
 * API's own words, and what to do.
 */
final class ApiErrors {
  private static final int SNIPPET = 200;

  private ApiErrors() {
  }

  // ---- one attempt

  /** The API answered {@code status}, not a success; {@code detail} is its own message. */
  static SendPilotApiException forStatus(int status, String request, String detail,
      Duration retryAfter) {
    if (status == 401 || status == 403) {
      return new SendPilotApiException("SendPilot rejected the API key (HTTP " + status
          + " on " + request + ": " + detail + "). Create or copy a key in the SendPilot"
          + " dashboard under Integrations > API Keys, and set SENDPILOT_API_KEY or the apiKey"
          + " property.", status, request, null);
    }
    boolean retryable = status == 429 || status == 502 || status == 503 || status == 504;
    return new SendPilotApiException("SendPilot API request " + request + " failed with HTTP "
        + status + ": " + detail, status, request, null, retryable, retryAfter);
  }

  /** No answer arrived: the network failed or a timeout passed. */
  static SendPilotApiException transport(String request, IOException e) {
    String what = e instanceof InterruptedIOException
        ? "timed out (" + e.getMessage() + "). Check the network, or raise readTimeoutMs /"
            + " callTimeoutMs."
        : "failed: " + e.getMessage() + ". Check the network and baseUrl.";
    return new SendPilotApiException("SendPilot API request " + request + " " + what, 0,
        request, e, true, null);
  }

  /** The HTTP call was cancelled because its fetch was given up. */
  static SendPilotCancelledException cancelled(String request) {
    return new SendPilotCancelledException("The request " + request + " was cancelled.");
  }

  // ---- the body of a successful answer

  static SendPilotApiException malformedBody(String request, int status, byte[] body,
      IOException cause) {
    String reason = cause instanceof JsonProcessingException
        ? ((JsonProcessingException) cause).getOriginalMessage() : cause.getMessage();
    return new SendPilotApiException("SendPilot API request " + request + " answered HTTP "
        + status + " with a body the driver cannot read (" + firstLine(reason) + "); body: "
        + snippet(body), status, request, cause);
  }

  static SendPilotApiException missingConversations(String request) {
    return new SendPilotApiException("SendPilot API request " + request
        + " answered HTTP 200 without a 'conversations' array; the driver cannot read"
        + " this response.", 200, request, null);
  }

  static SendPilotApiException nullConversation(String request) {
    return new SendPilotApiException("SendPilot API request " + request
        + " answered a null conversation entry.", 200, request, null);
  }

  static SendPilotApiException hasMoreWithoutToken(String request) {
    return new SendPilotApiException("SendPilot API request " + request
        + " answered HTTP 200 with hasMore=true but no continuationToken, so the rest of the"
        + " result cannot be fetched; refusing to return a truncated result.", 200, request,
        null);
  }

  // ---- after the retries

  /** The request never got its turn under the key's shared limits. */
  static SendPilotApiException rateLimitWait(String request, ClientConfig config,
      Throwable cause) {
    return new SendPilotApiException("SendPilot API request " + request + " waited too long"
        + " for its turn under the client-side rate limit (requestsPerSecond="
        + config.requestsPerSecond() + ", maxConcurrentRequests="
        + config.maxConcurrentRequests() + ").", 0, request, cause);
  }

  /** The API asked for a wait ({@code Retry-After}) longer than the client may wait. */
  static SendPilotApiException retryAfterTooLong(SendPilotApiException e, Duration asked,
      Duration maxRetryWait) {
    return new SendPilotApiException(e.getMessage() + " The API asked to wait "
        + asked.toSeconds() + " s (Retry-After), longer than maxRetryWaitMs="
        + maxRetryWait.toMillis() + " allows; try again later.", e.status(), e.request(), e);
  }

  /** The same failure saying how many attempts were made, when there were several. */
  static SendPilotApiException afterAttempts(SendPilotApiException e, int attempts) {
    if (attempts <= 1) {
      return e;
    }
    return new SendPilotApiException(e.getMessage() + " (gave up after " + attempts
        + " attempts)", e.status(), e.request(), e.getCause(), false, e.retryAfter());
  }

  // ---- the sequence of pages

  /** The API gave a continuation token again: following it would loop forever. */
  static SendPilotApiException pagingLoop(String request, String token, int pagesFetched,
      String accountId) {
    return new SendPilotApiException("SendPilot API request " + request
        + " answered HTTP 200 with continuationToken '" + token
        + "', which it had already returned for this scan (a paging loop) after "
        + pagesFetched + " pages of "
        + (accountId == null ? "all accounts" : "account " + accountId)
        + "; stopping instead of looping forever.", 200, request, null);
  }

  /** A conversation came after a less recently active one, in a newest-first read. */
  static SendPilotApiException orderBroken(String request, Conversation c, Instant previous) {
    return new SendPilotApiException("SendPilot API request " + request
        + " returned conversation " + c.id() + " with lastActivityAt " + c.lastActivityAt()
        + " after one with " + previous + ", breaking the newest-activity-first order this"
        + " query relies on for ORDER BY last_activity_at DESC. Set nativeOrder=false to sort"
        + " locally instead.", 200, request, null);
  }

  // ---- for the caller

  /** The same failure, its message prefixed with what was being read. */
  static SendPilotApiException whileReading(SendPilotApiException e, String what) {
    return new SendPilotApiException("While reading " + what + ": " + e.getMessage(),
        e.status(), e.request(), e, false, e.retryAfter());
  }

  /** The start of a body, on one line, for a message. */
  static String snippet(byte[] body) {
    if (body.length == 0) {
      return "(empty body)";
    }
    String text = new String(body, 0, Math.min(body.length, SNIPPET * 4),
        StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "..." : text;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
