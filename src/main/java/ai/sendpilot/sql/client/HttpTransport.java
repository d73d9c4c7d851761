package ai.sendpilot.sql.client;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one attempt of a request without blocking, on the JVM's shared OkHttp pool, with one
 * client's timeouts and key; logs each attempt at debug level.
 */
final class HttpTransport {
  /** The client's logger: log settings name the client, not its parts. */
  private static final Logger LOG = LoggerFactory.getLogger(SendPilotClient.class);

  /** One connection pool and dispatcher (daemon threads) for every client in the JVM. */
  private static final OkHttpClient SHARED_HTTP = new OkHttpClient.Builder()
      .dispatcher(new Dispatcher(Executors.newCachedThreadPool(
          DaemonThreads.named("sendpilot-http"))))
      .build();

  private final OkHttpClient http;

  HttpTransport(ClientConfig config) {
    this.http = SHARED_HTTP.newBuilder()
        .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .addNetworkInterceptor(new ApiKeyInterceptor(config.baseUrl(), config.apiKey()))
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
    call.enqueue(new Callback() {
      @Override public void onFailure(Call c, IOException e) {
        LOG.debug("{} attempt {} failed after {} ms: {}", get.description(), attempt,
            elapsedMillis(started), e.toString());
        result.completeExceptionally(c.isCanceled()
            ? ApiErrors.cancelled(get.description())
            : ApiErrors.transport(get.description(), e));
      }

      @Override public void onResponse(Call c, Response response) {
        try (response) {
          byte[] body = response.body().bytes();
          if (LOG.isDebugEnabled()) {
            LOG.debug("{} attempt {} -> HTTP {} in {} ms", get.description(), attempt,
                response.code(), elapsedMillis(started));
          }
          result.complete(reader.read(response.code(), body, response.header("Retry-After")));
        } catch (IOException e) {
          onFailure(c, e);
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      }
    });
    return result;
  }

  private static long elapsedMillis(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  /** Reads an HTTP reply into an attempt's result; throwing fails the attempt. */
  @FunctionalInterface
  interface ReplyReader<T> {
    /**
     * Reads a reply.
     *
     * @param status the HTTP status
     * @param body the whole body
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
  }
}
