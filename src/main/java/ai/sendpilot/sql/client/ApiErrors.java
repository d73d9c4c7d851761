package ai.sendpilot.sql.client;

import ai.sendpilot.sql.config.SendPilotProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The wording of every error of the API client and of what scans make of its answers: which
 * request failed (never the key), how, the API's own words, and what to do.
 */
public final class ApiErrors {
  /** The status of a failure the driver raised before sending a request. */
  public static final int NO_REQUEST = -1;

  private static final int SNIPPET = 200;
  private static final int SNIPPET_SOURCE_BYTES = 64 * 1024;

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
    boolean retryable = status == 429 || status == 500 || status == 502 || status == 503
        || status == 504;
    return new SendPilotApiException("SendPilot API request " + request + " failed with HTTP "
        + status + ": " + detail, status, request, null, retryable, retryAfter);
  }

  /**
   * No answer arrived: the network failed or a timeout passed (worth another attempt), or the
   * server's certificate was refused or the redirects looped (not worth one).
   */
  static SendPilotApiException transport(String request, IOException e) {
    String prefix = "SendPilot API request " + request + " ";
    if (e instanceof SSLPeerUnverifiedException || e instanceof SSLHandshakeException) {
      String what = e instanceof SSLPeerUnverifiedException
          ? "the server's TLS certificate was not accepted" : "the TLS handshake failed";
      return new SendPilotApiException(prefix + "failed: " + what + " (" + e.getMessage()
          + "). Check baseUrl; a proxy that intercepts TLS needs its certificate in the JVM's"
          + " trust store.", 0, request, e, false, null);
    }
    if (e instanceof ProtocolException) {
      String message = String.valueOf(e.getMessage());
      String what = message.startsWith("Too many follow-up requests")
          ? "was redirected too many times (" + message + "), a redirect loop"
          : "failed: " + message;
      return new SendPilotApiException(prefix + what + ". Check baseUrl.", 0, request, e,
          false, null);
    }
    String what = e instanceof InterruptedIOException
        ? "timed out (" + e.getMessage() + "). Check the network, or raise readTimeoutMs /"
            + " callTimeoutMs."
        : "failed: " + e.getMessage() + ". Check the network and baseUrl.";
    return new SendPilotApiException(prefix + what, 0, request, e, true, null);
  }

  /** The whole call took longer than {@code callTimeoutMs}: a timeout, worth another attempt. */
  static SendPilotApiException callTimedOut(String request, Duration callTimeout,
      IOException cause) {
    return new SendPilotApiException("SendPilot API request " + request + " timed out after"
        + " callTimeoutMs=" + callTimeout.toMillis() + " without a complete response. Check the"
        + " network, or raise callTimeoutMs.", 0, request, cause, true, null);
  }

  /** The API redirected the request away from its origin; the redirect was not followed. */
  static SendPilotApiException redirectedElsewhere(String request, int status, String target,
      IOException cause) {
    return new SendPilotApiException("SendPilot API request " + request + " was redirected"
        + " (HTTP " + status + ") to another origin " + target + "; refusing to follow it. Set"
        + " baseUrl to the API's own address.", status, request, cause);
  }

  /** The answer is larger than the client reads. */
  static SendPilotApiException bodyTooLarge(String request, int status, long contentLength,
      int maxResponseBytes) {
    String size = contentLength >= 0 ? "of " + contentLength + " bytes (Content-Length), more"
        : "larger";
    return new SendPilotApiException("SendPilot API request " + request + " answered HTTP "
        + status + " with a body " + size + " than maxResponseBytes=" + maxResponseBytes
        + " allows; refusing to read it.", status, request, null);
  }

  /** Reading the answer failed in an unexpected way (an Error such as OutOfMemoryError). */
  static SendPilotApiException readFailed(String request, int status, Throwable cause) {
    return new SendPilotApiException("SendPilot API request " + request + " answered HTTP "
        + status + ", and reading the answer failed: " + cause, status, request, cause);
  }

  /** The HTTP call was cancelled because its fetch was given up. */
  static SendPilotCancelledException cancelled(String request) {
    return new SendPilotCancelledException("The request " + request + " was cancelled.");
  }

  // ---- the body of a successful answer

  /**
   * The body could not be read.
   *
   * @param reason why, redacted
   * @param snippet the start of the body, redacted
   * @param cause the parser's failure, redacted
   */
  static SendPilotApiException malformedBody(String request, int status, String reason,
      String snippet, Throwable cause) {
    return new SendPilotApiException("SendPilot API request " + request + " answered HTTP "
        + status + " with a body the driver cannot read (" + firstLine(reason) + "); body: "
        + snippet, status, request, cause);
  }

  /** Why a parser failed, without where (the first line of its message). */
  static String reason(IOException e) {
    return firstLine(e instanceof JsonProcessingException
        ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage());
  }

  /** A page holds more conversations than its request asked for. */
  static SendPilotApiException tooManyConversations(String request, int limit) {
    return new SendPilotApiException("SendPilot API request " + request + " answered HTTP 200"
        + " with more than the " + limit + " conversations it asked for; refusing the page.",
        200, request, null);
  }

  /** A page holds more messages than its request asked for. */
  static SendPilotApiException tooManyMessages(String request, int limit) {
    return new SendPilotApiException("SendPilot API request " + request + " answered HTTP 200"
        + " with more than the " + limit + " messages it asked for; refusing the page.",
        200, request, null);
  }

  static SendPilotApiException missingMessages(String request) {
    return new SendPilotApiException("SendPilot API request " + request
        + " answered HTTP 200 without a 'messages' array of messages; the driver cannot read"
        + " this response.", 200, request, null);
  }

  /** Page after page of a conversation brings no message but says there is more. */
  static SendPilotApiException noNewMessages(String request, int pages, int maxEmptyPages) {
    return new SendPilotApiException("SendPilot API request " + request + " answered HTTP 200"
        + " with no message and hasMore=true, " + pages + " pages in a row; stopping at"
        + " maxEmptyPages=" + maxEmptyPages + " instead of paging forever.", 200, request, null);
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

  /**
   * The request would not get its turn under the key's shared limits within {@code maxWait}:
   * the pace the API asked for, {@code requestsPerSecond} or {@code maxConcurrentRequests}.
   */
  static SendPilotApiException rateLimitWait(String request, ClientConfig config,
      Duration maxWait, Throwable cause) {
    String cap = config.requestsPerSecond() == null ? ""
        : "requestsPerSecond=" + SendPilotProperty.REQUESTS_PER_SECOND.format(
            config.requestsPerSecond()) + ", ";
    return new SendPilotApiException("SendPilot API request " + request + " would wait more"
        + " than " + maxWait.toMinutes() + " minutes for its turn under this key's rate limit ("
        + "the pace the API asked for with 429 answers and rate limit headers, " + cap
        + "maxConcurrentRequests=" + config.maxConcurrentRequests() + "); try again later.", 0,
        request, cause);
  }

  /**
   * The API asked to wait ({@code Retry-After}) longer than what is left of the request's wait
   * budget ({@code maxRetryWaitMs}).
   */
  static SendPilotApiException retryAfterTooLong(SendPilotApiException e, Duration asked,
      Duration left, Duration maxRetryWait) {
    String limit = left.equals(maxRetryWait)
        ? "maxRetryWaitMs=" + maxRetryWait.toMillis() + " allows"
        : "the " + left.toMillis() + " ms left of maxRetryWaitMs=" + maxRetryWait.toMillis();
    return new SendPilotApiException(e.getMessage() + " The API asked to wait "
        + asked.toSeconds() + " s (Retry-After), longer than " + limit + "; try again later.",
        e.status(), e.request(), e);
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

  /**
   * Page after page brings nothing new but says there is more: following it might never end.
   *
   * @param pages the pages in a row without a new conversation
   */
  static SendPilotApiException noNewConversations(String request, int pages,
      int maxEmptyPages, long repeats) {
    String repeated = repeats == 0 ? "" : " The pages repeated conversations this scan had"
        + " already returned (" + repeats + " repeats dropped): the API pages inconsistently.";
    return new SendPilotApiException("SendPilot API request " + request + " answered HTTP 200"
        + " with no new conversation and hasMore=true, " + pages + " pages in a row; stopping at"
        + " maxEmptyPages=" + maxEmptyPages + " instead of paging forever." + repeated, 200,
        request, null);
  }

  /**
   * A conversation newer than the oldest one seen came after the stream had to forget some of
   * those it returned: it may be a repeat, which cannot be told.
   */
  static SendPilotApiException repeatsUndecidable(String request, Conversation c,
      Instant floor, int maxRemembered) {
    return new SendPilotApiException("SendPilot API request " + request
        + " returned conversation " + c.id() + " with lastActivityAt " + c.lastActivityAt()
        + " after older ones (down to " + floor + "), out of its newest-activity-first order,"
        + " after more than " + maxRemembered + " conversations: the driver can no longer tell"
        + " whether it repeats one already returned, and stops rather than return a"
        + " conversation twice. Filter on account_id or last_activity_at to read fewer"
        + " conversations.", 200, request, null);
  }

  /** A message newer than older ones came after some had to be forgotten: undecidable. */
  static SendPilotApiException messageRepeatsUndecidable(String request, String id,
      int maxRemembered) {
    return new SendPilotApiException("SendPilot API request " + request + " returned message "
        + id + " out of its order after more than " + maxRemembered + " messages: the driver"
        + " can no longer tell whether it repeats one already returned, and stops rather than"
        + " return a message twice.", 200, request, null);
  }

  /** A page filtered on one account holds a conversation of another account. */
  static SendPilotApiException foreignConversation(String request, Conversation c,
      String accountId) {
    return new SendPilotApiException("SendPilot API request " + request
        + " returned conversation " + c.id() + " of account " + c.accountId()
        + " when asked for the conversations of account " + accountId + "; refusing the page"
        + " rather than return rows of another account.", 200, request, null);
  }

  /** A messages page names another conversation than the one asked for. */
  static SendPilotApiException foreignMessages(String request, String asked, String answered) {
    return new SendPilotApiException("SendPilot API request " + request
        + " answered with the messages of conversation " + answered + " when asked for those"
        + " of conversation " + asked + "; refusing the page rather than return messages of"
        + " another conversation.", 200, request, null);
  }

  // ---- for the caller

  /** The same failure, its message prefixed with what was being read. */
  static SendPilotApiException whileReading(SendPilotApiException e, String what) {
    return new SendPilotApiException("While reading " + what + ": " + e.getMessage(),
        e.status(), e.request(), e, false, e.retryAfter());
  }

  /**
   * {@code e}, or when its message, its request or a cause's message holds the key in any
   * spelling, the same failure with those texts redacted (causes replaced by stand-ins of the
   * same stack): what leaves the client never holds the key.
   */
  static SendPilotApiException redacted(SendPilotApiException e, UnaryOperator<String> redact) {
    if (!holdsKey(e, redact)) {
      return e;
    }
    SendPilotApiException clean = new SendPilotApiException(redact.apply(e.getMessage()),
        e.status(), redact.apply(e.request()), redactedCause(e.getCause(), redact),
        e.retryable(), e.retryAfter());
    clean.setStackTrace(e.getStackTrace());
    return clean;
  }

  private static boolean holdsKey(Throwable t, UnaryOperator<String> redact) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String text = c instanceof SendPilotApiException
          ? c.getMessage() + ((SendPilotApiException) c).request() : c.getMessage();
      if (text != null && !text.equals(redact.apply(text))) {
        return true;
      }
    }
    return false;
  }

  private static Throwable redactedCause(Throwable cause, UnaryOperator<String> redact) {
    if (cause == null) {
      return null;
    }
    if (cause instanceof SendPilotApiException) {
      return redacted((SendPilotApiException) cause, redact);
    }
    if (!holdsKey(cause, redact)) {
      return cause;
    }
    IOException standIn = new IOException(cause.getClass().getName() + ": "
        + redact.apply(cause.getMessage()),
        cause.getCause() == cause ? null : redactedCause(cause.getCause(), redact));
    standIn.setStackTrace(cause.getStackTrace());
    return standIn;
  }

  /** The start of a body, on one line, for a message, with the key redacted. */
  static String snippet(byte[] body, UnaryOperator<String> redact) {
    if (body.length == 0) {
      return "(empty body)";
    }
    // Redacted before it is cut, so that no part of a key at the cut shows.
    String text = redact.apply(new String(body, 0, Math.min(body.length, SNIPPET_SOURCE_BYTES),
        StandardCharsets.UTF_8)).replaceAll("\\s+", " ").strip();
    return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "..." : text;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  // ---- what scans make of answers

  /** A conversation the API returned without the id or account that identify it. */
  public static SendPilotApiException unidentifiedConversation(String id, String table) {
    return new SendPilotApiException("SendPilot API returned a conversation without "
        + (id == null ? "an id" : "an accountId (id " + id + ")") + " while scanning " + table
        + "; the driver cannot identify it.", 200, "GET /v1/inbox/conversations", null);
  }

  /** A messages query needs more conversations' threads than {@code maxMessageThreads}. */
  public static SendPilotApiException tooManyMessageThreads(int maxThreads) {
    return new SendPilotApiException("A query of sendpilot.messages without a conversation"
        + " filter reached more than maxMessageThreads=" + maxThreads + " conversations (one"
        + " request or more each); stopped before the next request. Filter on conversation_id"
        + " and account_id, join messages from a filtered conversations query (for example"
        + " conversations c JOIN messages m ON m.conversation_id = c.id AND m.account_id ="
        + " c.account_id WHERE c.unread_count > 0), or raise maxMessageThreads.", NO_REQUEST,
        "GET /v1/inbox/conversations/{conversationId}/messages", null);
  }
}
