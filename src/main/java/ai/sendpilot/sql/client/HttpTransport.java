package ai.sendpilot.sql.client;

import ai.sendpilot.sql.client.RedirectGuard.RefusedRedirect;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one attempt of a request without blocking, on the JVM's shared OkHttp pool, with one
 * client's timeouts and key; reads at most {@code maxResponseBytes} of the answer, and follows
 * redirects only within the API's origin. Every attempt ends, whatever happens on the HTTP
 * thread. Logs each attempt at debug level.
 */
final class HttpTransport {
  /** The client's logger: log settings name the client, not its parts. */
  private static final Logger LOG = LoggerFactory.getLogger(SendPilotClient.class);
  /** Of an error's body only the start is shown: no need to read more. */
  private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

  /** One connection pool and dispatcher (daemon threads) for every client in the JVM. */
  private static final OkHttpClient SHARED_HTTP = new OkHttpClient.Builder()
      .dispatcher(new Dispatcher(Executors.newCachedThreadPool(
          DaemonThreads.named("sendpilot-http"))))
      .build();

  private final OkHttpClient http;
  private final ClientConfig config;
  private final AnswerListener answers;

  /**
   * @param answers told of every answer, as soon as its headers are in
   */
  HttpTransport(ClientConfig config, AnswerListener answers) {
    this.config = config;
    this.answers = answers;
    this.http = SHARED_HTTP.newBuilder()
        .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .addNetworkInterceptor(new ApiKeyInterceptor(config.baseUrl(), config.apiKey()))
        .addNetworkInterceptor(new RedirectGuard(config.baseUrl()))
        .build();
  }

  /** Requests of this JVM's clients that are running now. */
  static int requestsInFlight() {
    return SHARED_HTTP.dispatcher().runningCallsCount();
  }

  /**
   * Sends one attempt of {@code get}; the reply is read by {@code reader} on the HTTP thread, and
   * what it returns or throws completes the attempt.
   *
   * @param attempt the attempt's number, from 1, for the log
   * @param inFlight the fetch the attempt belongs to, which may cancel it
   */
  <T> CompletableFuture<T> send(HttpGet get, int attempt, InFlightCall inFlight,
      ReplyReader<T> reader) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Call call = http.newCall(new Request.Builder().url(get.url()).get()
        .header("Accept", "application/json").build());
    inFlight.start(call);
    long started = System.nanoTime();
    // The description is built from the driver's own URL; failures and logs leaving the client
    // are redacted where they are made (SendPilotClient, RequestPolicy).
    String request = get.description();
    call.enqueue(new Callback() {
      @Override public void onFailure(Call c, IOException e) {
        LOG.debug("{} attempt {} failed after {} ms: {}", request, attempt,
            elapsedMillis(started), config.apiKey().redact(e.toString()));
        result.completeExceptionally(failure(request, c, inFlight, e));
      }

      @Override public void onResponse(Call c, Response response) {
        try (response) {
          answers.answered(started, response.code(), response.headers());
          byte[] body = body(request, response);
          if (LOG.isDebugEnabled()) {
            LOG.debug("{} attempt {} -> HTTP {} in {} ms", request, attempt,
                response.code(), elapsedMillis(started));
          }
          result.complete(reader.read(response.code(), body, response.header("Retry-After")));
        } catch (IOException e) {
          onFailure(c, e);
        } catch (SendPilotApiException | SendPilotCancelledException e) {
          result.completeExceptionally(e);
        } catch (Throwable e) {
          // Anything else (an OutOfMemoryError, a bug) must still end the attempt: a future
          // left pending would leave its query waiting forever.
          result.completeExceptionally(ApiErrors.readFailed(request, response.code(), e));
        }
      }
    });
    return result;
  }

  /** Why an attempt got no usable answer: the driver gave it up, or the call failed. */
  private Exception failure(String request, Call call, InFlightCall inFlight, IOException e) {
    if (inFlight.abandoned()) {
      return ApiErrors.cancelled(request);
    }
    if (e instanceof RefusedRedirect) {
      RefusedRedirect refused = (RefusedRedirect) e;
      return ApiErrors.redirectedElsewhere(request, refused.status(),
          config.apiKey().redact(refused.target().toString()), refused);
    }
    if (call.isCanceled()) {
      // Only the call timeout cancels a call the driver did not give up.
      return ApiErrors.callTimedOut(request, config.callTimeout(), e);
    }
    return ApiErrors.transport(request, e);
  }

  /**
   * The body of {@code response}: a success's whole, refused past {@code maxResponseBytes}; an
   * error's first bytes, enough for its message.
   */
  private byte[] body(String request, Response response) throws IOException {
    int max = config.maxResponseBytes();
    ResponseBody body = response.body();
    boolean success = response.isSuccessful();
    if (success && body.contentLength() > max) {
      throw ApiErrors.bodyTooLarge(request, response.code(), body.contentLength(), max);
    }
    int cap = success ? max : Math.min(max, MAX_ERROR_BODY_BYTES);
    BufferedSource source = body.source();
    if (source.request(cap + 1L)) {
      if (success) {
        throw ApiErrors.bodyTooLarge(request, response.code(), -1, max);
      }
      return source.readByteArray(cap);
    }
    return source.readByteArray();
  }

  private static long elapsedMillis(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  /** Learns from the status and headers of each answer, before its body is read. */
  @FunctionalInterface
  interface AnswerListener {
    /**
     * An answer came.
     *
     * @param sentAt when its attempt was sent, as {@link System#nanoTime}
     */
    void answered(long sentAt, int status, Headers headers);
  }

  /** Reads an HTTP reply into an attempt's result; throwing fails the attempt. */
  @FunctionalInterface
  interface ReplyReader<T> {
    /**
     * Reads a reply.
     *
     * @param status the HTTP status
     * @param body the whole body (of an error, its start)
     * @param retryAfter the {@code Retry-After} header, or null
     */
    T read(int status, byte[] body, String retryAfter);
  }

  /** The HTTP call of a fetch's current attempt, and whether the fetch was given up. */
  static final class InFlightCall {
    private final AtomicReference<Call> call = new AtomicReference<>();
    private final AtomicBoolean abandoned = new AtomicBoolean();

    /** Records {@code c}; cancels it at once when the fetch was given up meanwhile. */
    void start(Call c) {
      call.set(c);
      if (abandoned.get()) {
        c.cancel();
      }
    }

    /** Gives the fetch up: cancels the current call and any call started later. */
    void abandon() {
      abandoned.set(true);
      Call c = call.get();
      if (c != null) {
        c.cancel();
      }
    }

    /** Whether the fetch was given up (its calls' cancels are the driver's own). */
    boolean abandoned() {
      return abandoned.get();
    }
  }
}
