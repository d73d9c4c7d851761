package ai.sendpilot.sql.client;

import ai.sendpilot.sql.client.HttpTransport.InFlightCall;
import ai.sendpilot.sql.client.ResponseReader.ConversationsResponse;
import ai.sendpilot.sql.client.ResponseReader.MessagesResponse;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the SendPilot inbox API: one method per endpoint. Each request is sent by the
 * {@link HttpTransport}, retried and paced by the {@link RequestPolicy}, and read by the
 * {@link ResponseReader}; cancelling the returned future abandons it.
 */
public final class SendPilotClient implements PageFetcher, MessageFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(SendPilotClient.class);

  private final ClientConfig config;
  private final HttpTransport transport;
  private final RequestPolicy policy;
  private final ResponseReader reader;

  public SendPilotClient(ClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    RequestLimits limits = RequestLimits.of(config);
    this.transport = new HttpTransport(config, limits::answered);
    this.policy = new RequestPolicy(config, limits);
    this.reader = new ResponseReader(config.apiKey()::redact);
  }

  /** Requests of this JVM's SendPilot clients that are running now (for diagnostics). */
  public static int requestsInFlight() {
    return HttpTransport.requestsInFlight();
  }

  /**
   * Starts fetching one page of {@code GET /v1/inbox/conversations}, with retries; cancelling the
   * returned future cancels the HTTP call and any retry still to come.
   */
  @Override public CompletableFuture<ConversationPage> fetch(PageRequest page,
      PageListener early) {
    return send(conversationsUrl(page), (request, status, body) -> {
      tellEarly(early, body, request);
      return reader.conversations(request, status, body, page.limit());
    }, ConversationsResponse::toPage);
  }

  /**
   * Starts fetching one page of {@code GET /v1/inbox/conversations/{id}/messages}, through the
   * same transport, retries and limits as conversations.
   */
  @Override public CompletableFuture<MessagePage> fetchMessages(MessagePageRequest page) {
    return send(messagesUrl(page),
        (request, status, body) -> reader.messages(request, status, body, page.limit()),
        MessagesResponse::toPage);
  }

  /** Reads the body of one successful attempt. */
  @FunctionalInterface
  private interface BodyParse<R> {
    R parse(String request, int status, byte[] body);
  }

  /**
   * Sends a GET with retries: each successful attempt's body is read by {@code parse} (as the
   * response arrives), and the result of the attempts becomes a page by {@code toPage}.
   */
  private <R, P> CompletableFuture<P> send(HttpUrl url, BodyParse<R> parse,
      BiFunction<R, String, P> toPage) {
    HttpGet get = HttpGet.of(url);
    String request = get.description();
    InFlightCall inFlight = new InFlightCall();
    CompletableFuture<R> attemptsDone = policy.run(request,
        attempt -> transport.send(get, attempt, inFlight, (status, body, retryAfter) -> {
          reader.requireSuccess(request, status, body, retryAfter);
          return parse.parse(request, status, body);
        }));
    CompletableFuture<P> result = new CompletableFuture<>();
    attemptsDone.whenComplete((response, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure instanceof SendPilotApiException
            ? ApiErrors.redacted((SendPilotApiException) failure, config.apiKey()::redact)
            : failure);
        return;
      }
      try {
        result.complete(toPage.apply(response, request));
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    result.whenComplete((ignored, failure) -> {
      if (result.isCancelled()) {
        inFlight.abandon();
        attemptsDone.cancel(true);
      }
    });
    return result;
  }

  /** Passes the next token on early; a listener's failure must not fail the page. */
  private static void tellEarly(PageListener early, byte[] body, String request) {
    try {
      PageSkim.nextToken(body).ifPresent(token -> early.nextTokenKnown(token.orElse(null)));
    } catch (RuntimeException e) {
      LOG.debug("Ignoring a failure while chaining the request after {}: {}", request,
          e.toString());
    }
  }

  @Override public int pageSize() {
    return config.pageSize();
  }

  @Override public int maxEmptyPages() {
    return config.maxEmptyPages();
  }

  @Override public String describe(PageRequest request) {
    return HttpGet.of(conversationsUrl(request)).description();
  }

  @Override public String describe(MessagePageRequest request) {
    return HttpGet.of(messagesUrl(request)).description();
  }

  @Override public int maxConcurrentRequests() {
    return config.maxConcurrentRequests();
  }

  private HttpUrl messagesUrl(MessagePageRequest page) {
    HttpUrl.Builder url = config.baseUrl().newBuilder()
        .addPathSegments("v1/inbox/conversations")
        .addPathSegment(page.conversationId())
        .addPathSegment("messages")
        .addQueryParameter("accountId", page.accountId())
        .addQueryParameter("limit", Integer.toString(page.limit()));
    if (page.continuationToken() != null) {
      url.addQueryParameter("continuationToken", page.continuationToken());
    }
    return url.build();
  }

  private HttpUrl conversationsUrl(PageRequest page) {
    HttpUrl.Builder url = config.baseUrl().newBuilder()
        .addPathSegments("v1/inbox/conversations");
    if (page.accountId() != null) {
      url.addQueryParameter("accountId", page.accountId());
    }
    url.addQueryParameter("limit", Integer.toString(page.limit()));
    if (page.continuationToken() != null) {
      url.addQueryParameter("continuationToken", page.continuationToken());
    }
    return url.build();
  }
}
