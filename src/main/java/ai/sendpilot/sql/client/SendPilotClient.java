package ai.sendpilot.sql.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.failsafe.BulkheadFullException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimitExceededException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the SendPilot inbox API: one method per endpoint. Each request is retried on throttling
 * and transient failures, paced by the key's shared {@link RequestLimits}, and abandoned
 * promptly when its {@link CallControl} says the query was cancelled or timed out.
 */
public final class SendPilotClient implements PageFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(SendPilotClient.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final double JITTER = 0.25;

  /** One connection pool and dispatcher (daemon threads) for every client in the JVM. */
  private static final OkHttpClient SHARED_HTTP = new OkHttpClient.Builder()
      .dispatcher(new Dispatcher(Executors.newCachedThreadPool(daemonThreads("sendpilot-http"))))
      .build();
  private static final ScheduledExecutorService RETRY_SCHEDULER =
      Executors.newScheduledThreadPool(1, daemonThreads("sendpilot-retry"));

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .registerModule(new SimpleModule("sendpilot-timestamps")
          .addDeserializer(Instant.class, new IsoInstantDeserializer()))
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  private static final ObjectReader PAGE_READER = MAPPER.readerFor(ConversationsResponse.class);

  private final ClientConfig config;
  private final OkHttpClient http;
  private final FailsafeExecutor<Object> executor;
  private final Clock clock = Clock.systemUTC();

  public SendPilotClient(ClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = SHARED_HTTP.newBuilder()
        .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .addNetworkInterceptor(new ApiKeyInterceptor(config.baseUrl(), config.apiKey()))
        .build();
    RequestLimits limits = RequestLimits.of(config);
    this.executor = Failsafe.with(retryPolicy(config))
        .compose(limits.rateLimiter())
        .compose(limits.bulkhead())
        .with(new InlineScheduler(RETRY_SCHEDULER));
  }

  public ClientConfig config() {
    return config;
  }

  /** Requests of this JVM's SendPilot clients that are running now (for diagnostics). */
  public static int requestsInFlight() {
    return SHARED_HTTP.dispatcher().runningCallsCount();
  }

  /**
   * Fetches one page of {@code GET /v1/inbox/conversations}.
   *
   * @param accountId one sender account, or null for all accounts of the workspace
   * @param limit page size, 1..100
   * @param continuationToken token of the previous page, or null for the first page
   * @param control what can stop the request from outside
   */
  public ConversationPage conversations(String accountId, int limit, String continuationToken,
      CallControl control) {
    PageRequest page = new PageRequest(accountId, limit, continuationToken);
    String request = describe(conversationsUrl(page));
    control.check(() -> "waiting to send " + request);
    return control.await(fetch(page), () -> "waiting for " + request);
  }

  /**
   * Starts fetching one page of {@code GET /v1/inbox/conversations}, with retries; cancelling the
   * returned future cancels the HTTP call and any retry still to come.
   */
  @Override public CompletableFuture<ConversationPage> fetch(PageRequest page,
      PageListener early) {
    HttpUrl url = conversationsUrl(page);
    String request = describe(url);
    AtomicReference<Call> inFlight = new AtomicReference<>();
    AtomicInteger attempts = new AtomicInteger();
    AtomicBoolean abandoned = new AtomicBoolean();
    Consumer<byte[]> beforeParse = body -> tellEarly(early, body, request);
    CompletableFuture<ConversationsResponse> attemptsDone = executor.getStageAsync(
        () -> send(url, request, PAGE_READER, attempts.incrementAndGet(),
            new InFlight(inFlight, abandoned), beforeParse));
    CompletableFuture<ConversationPage> result = new CompletableFuture<>();
    attemptsDone.whenComplete((response, failure) -> {
      if (failure != null) {
        result.completeExceptionally(finalFailure(unwrap(failure), request, attempts.get()));
        return;
      }
      try {
        result.complete(response.toPage(request));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    result.whenComplete((ignored, failure) -> {
      if (result.isCancelled()) {
        abandoned.set(true);
        attemptsDone.cancel(true);
        Call call = inFlight.get();
        if (call != null) {
          call.cancel();
        }
      }
    });
    return result;
  }

  /** The HTTP call of a fetch's current attempt, and whether the fetch was given up. */
  private record InFlight(AtomicReference<Call> call, AtomicBoolean abandoned) {
    /** Records {@code c}; cancels it at once when the fetch was given up meanwhile. */
    void start(Call c) {
      call.set(c);
      if (abandoned.get()) {
        c.cancel();
      }
    }
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

  @Override public String describe(PageRequest request) {
    return describe(conversationsUrl(request));
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

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof java.util.concurrent.CompletionException
        || current instanceof java.util.concurrent.ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private Throwable finalFailure(Throwable failure, String request, int attempts) {
    if (failure instanceof SendPilotApiException) {
      return finalFailure((SendPilotApiException) failure, attempts);
    }
    if (failure instanceof RateLimitExceededException || failure instanceof BulkheadFullException) {
      return new SendPilotApiException("SendPilot API request " + request + " waited too long"
          + " for its turn under the client-side rate limit (requestsPerSecond="
          + config.requestsPerSecond() + ", maxConcurrentRequests="
          + config.maxConcurrentRequests() + ").", 0, request, failure);
    }
    return failure;
  }

  private SendPilotApiException finalFailure(SendPilotApiException e, int attempts) {
    Duration asked = e.retryAfter();
    if (asked != null && asked.compareTo(config.maxRetryWait()) > 0) {
      return new SendPilotApiException(e.getMessage() + " The API asked to wait "
          + asked.toSeconds() + " s (Retry-After), longer than maxRetryWaitMs="
          + config.maxRetryWait().toMillis() + " allows; try again later.", e.status(),
          e.request(), e);
    }
    return e.afterAttempts(attempts);
  }

  private <T> CompletableFuture<T> send(HttpUrl url, String request, ObjectReader reader,
      int attempt, InFlight inFlight, Consumer<byte[]> beforeParse) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Call call = http.newCall(new Request.Builder().url(url).get()
        .header("Accept", "application/json").build());
    inFlight.start(call);
    long started = System.nanoTime();
    call.enqueue(new Callback() {
      @Override public void onFailure(Call c, IOException e) {
        LOG.debug("GET {} attempt {} failed after {} ms: {}", requestTarget(url), attempt,
            elapsedMillis(started), e.toString());
        result.completeExceptionally(c.isCanceled()
            ? new SendPilotCancelledException("The request " + request + " was cancelled.")
            : ApiErrors.transport(request, e));
      }

      @Override public void onResponse(Call c, Response response) {
        try (response) {
          byte[] body = response.body().bytes();
          if (LOG.isDebugEnabled()) {
            LOG.debug("GET {} attempt {} -> HTTP {} in {} ms", requestTarget(url), attempt,
                response.code(), elapsedMillis(started));
          }
          if (!response.isSuccessful()) {
            result.completeExceptionally(ApiErrors.forStatus(response.code(), request, body,
                RetryAfter.parse(response.header("Retry-After"), clock)));
            return;
          }
          beforeParse.accept(body);
          result.complete(ApiErrors.parse(reader, request, response.code(), body));
        } catch (IOException e) {
          onFailure(c, e);
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      }
    });
    return result;
  }

  private static RetryPolicy<Object> retryPolicy(ClientConfig config) {
    return RetryPolicy.builder()
        .handleIf(e -> e instanceof SendPilotApiException
            && ((SendPilotApiException) e).retryable())
        .abortIf((result, e) -> e instanceof SendPilotApiException
            && ((SendPilotApiException) e).retryAfter() != null
            && ((SendPilotApiException) e).retryAfter().compareTo(config.maxRetryWait()) > 0)
        .withMaxAttempts(config.maxAttempts())
        .withBackoff(FIRST_BACKOFF, MAX_BACKOFF)
        .withJitter(JITTER)
        .withDelayFn(context -> retryAfterDelay(context.getLastException()))
        .withMaxDuration(config.maxRetryWait())
        .onRetryScheduled(event -> LOG.warn("Retrying {} in {} ms (attempt {} of {}) after: {}",
            requestOf(event.getLastException()), event.getDelay().toMillis(),
            event.getAttemptCount() + 1, config.maxAttempts(),
            event.getLastException().getMessage()))
        .build();
  }

  /**
   * The wait the API asked for, stretched so that jitter never makes it shorter; a negative
   * value lets the exponential backoff decide.
   */
  private static Duration retryAfterDelay(Throwable last) {
    if (last instanceof SendPilotApiException && ((SendPilotApiException) last).retryAfter()
        != null) {
      Duration asked = ((SendPilotApiException) last).retryAfter();
      return Duration.ofMillis((long) Math.ceil(asked.toMillis() / (1 - JITTER)));
    }
    return Duration.ofMillis(-1);
  }

  private static String requestOf(Throwable e) {
    return e instanceof SendPilotApiException ? ((SendPilotApiException) e).request() : "request";
  }

  private static String requestTarget(HttpUrl url) {
    String query = url.encodedQuery();
    return url.encodedPath() + (query == null ? "" : "?" + query);
  }

  private static long elapsedMillis(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Method, path and query of a request, never the key (it travels only in a header). */
  static String describe(HttpUrl url) {
    String query = url.encodedQuery();
    return "GET " + url.encodedPath() + (query == null ? "" : "?" + query);
  }

  /** The JSON envelope of the conversations endpoint. */
  record ConversationsResponse(
      @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL)
      List<Conversation> conversations,
      Pagination pagination) {
    ConversationPage toPage(String request) {
      if (conversations == null) {
        throw new SendPilotApiException("SendPilot API request " + request
            + " answered HTTP 200 without a 'conversations' array; the driver cannot read"
            + " this response.", 200, request, null);
      }
      if (conversations.contains(null)) {
        throw new SendPilotApiException("SendPilot API request " + request
            + " answered a null conversation entry.", 200, request, null);
      }
      boolean hasMore = pagination != null && Boolean.TRUE.equals(pagination.hasMore());
      String token = pagination == null ? null : pagination.continuationToken();
      if (hasMore && (token == null || token.isEmpty())) {
        throw new SendPilotApiException("SendPilot API request " + request
            + " answered HTTP 200 with hasMore=true but no continuationToken, so the rest of the"
            + " result cannot be fetched; refusing to return a truncated result.", 200, request,
            null);
      }
      return new ConversationPage(conversations, hasMore ? token : null, hasMore);
    }
  }

  /** The {@code pagination} object of a page. */
  record Pagination(String continuationToken, Integer limit, Boolean hasMore) {
  }

  /** Reads the error body the API documents: {@code {statusCode, message, error}}. */
  static final class ApiErrors {
    private static final int SNIPPET = 200;

    private ApiErrors() {
    }

    static SendPilotApiException forStatus(int status, String request, byte[] body,
        Duration retryAfter) {
      String detail = apiMessage(body);
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

    static SendPilotApiException transport(String request, IOException e) {
      String what = e instanceof InterruptedIOException
          ? "timed out (" + e.getMessage() + "). Check the network, or raise readTimeoutMs /"
              + " callTimeoutMs."
          : "failed: " + e.getMessage() + ". Check the network and baseUrl.";
      return new SendPilotApiException("SendPilot API request " + request + " " + what, 0,
          request, e, true, null);
    }

    static <T> T parse(ObjectReader reader, String request, int status, byte[] body) {
      try {
        return reader.readValue(body);
      } catch (IOException e) {
        throw malformedBody(request, status, body, e);
      }
    }

    static SendPilotApiException malformedBody(String request, int status, byte[] body,
        IOException cause) {
      String reason = cause instanceof JsonProcessingException
          ? ((JsonProcessingException) cause).getOriginalMessage() : cause.getMessage();
      return new SendPilotApiException("SendPilot API request " + request + " answered HTTP "
          + status + " with a body the driver cannot read (" + firstLine(reason) + "); body: "
          + snippet(body), status, request, cause);
    }

    private static String apiMessage(byte[] body) {
      try {
        JsonNode node = MAPPER.readTree(body);
        if (node != null && node.isObject() && node.hasNonNull("message")) {
          JsonNode message = node.get("message");
          if (message.isArray()) {
            StringBuilder joined = new StringBuilder();
            message.forEach(m -> joined.append(joined.length() == 0 ? "" : "; ")
                .append(m.asText()));
            return joined.toString();
          }
          return message.asText();
        }
      } catch (IOException ignored) {
        // not JSON: fall through to a snippet of the body
      }
      return snippet(body);
    }

    static String snippet(byte[] body) {
      if (body.length == 0) {
        return "(empty body)";
      }
      String text = new String(body, 0, Math.min(body.length, SNIPPET * 4),
          java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
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
}
