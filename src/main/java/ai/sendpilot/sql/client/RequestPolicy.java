package ai.sendpilot.sql.client;

import dev.failsafe.BulkheadFullException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a request is tried again and when it may leave: retries with backoff, jitter and the
 * API's {@code Retry-After}, within the request's wait budget ({@link RetryWaits}) and the key's
 * shared {@link RequestLimits}; words the failure that ends them.
 */
final class RequestPolicy {
  /** The client's logger: log settings name the client, not its parts. */
  private static final Logger LOG = LoggerFactory.getLogger(SendPilotClient.class);
  private static final InlineScheduler SCHEDULER = new InlineScheduler(
      Executors.newScheduledThreadPool(1, DaemonThreads.named("sendpilot-retry")));

  private final ClientConfig config;
  private final RequestLimits limits;

  RequestPolicy(ClientConfig config, RequestLimits limits) {
    this.config = config;
    this.limits = limits;
  }

  /**
   * Runs attempts of {@code request} until one succeeds or the policy gives up, then fails with
   * the final failure. The first attempt starts in the calling thread. Cancelling the returned
   * future cancels any retry still to come.
   *
   * @param attempt starts the attempt of the given number, from 1
   */
  <T> CompletableFuture<T> run(String request, IntFunction<CompletableFuture<T>> attempt) {
    AtomicInteger attempts = new AtomicInteger();
    RetryWaits waits = new RetryWaits(config.maxRetryWait());
    FailsafeExecutor<Object> executor = Failsafe.with(retryPolicy(waits))
        .compose(new PacingPolicy(limits.rate(),
            () -> ApiErrors.rateLimitWait(request, config, RequestLimits.MAX_WAIT, null)))
        .compose(limits.bulkhead())
        .with(SCHEDULER);
    CompletableFuture<T> attemptsDone = SCHEDULER.starting(() -> executor.getStageAsync(
        () -> limits.rate().sending(() -> attempt.apply(attempts.incrementAndGet()))));
    CompletableFuture<T> result = new CompletableFuture<>();
    attemptsDone.whenComplete((value, failure) -> {
      if (failure != null) {
        result.completeExceptionally(
            finalFailure(unwrap(failure), request, attempts.get(), waits));
      } else {
        result.complete(value);
      }
    });
    result.whenComplete((ignored, failure) -> {
      if (result.isCancelled()) {
        attemptsDone.cancel(true);
      }
    });
    return result;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private Throwable finalFailure(Throwable failure, String request, int attempts,
      RetryWaits waits) {
    if (failure instanceof SendPilotApiException) {
      SendPilotApiException e = (SendPilotApiException) failure;
      Duration asked = e.retryAfter();
      if (e.retryable() && asked != null && asked.compareTo(waits.left()) > 0) {
        return ApiErrors.retryAfterTooLong(e, asked, waits.left(), waits.budget());
      }
      return ApiErrors.afterAttempts(e, attempts);
    }
    if (failure instanceof BulkheadFullException) {
      return ApiErrors.rateLimitWait(request, config, RequestLimits.MAX_WAIT, failure);
    }
    return failure;
  }

  private RetryPolicy<Object> retryPolicy(RetryWaits waits) {
    return RetryPolicy.builder()
        .handleIf(e -> e instanceof SendPilotApiException
            && ((SendPilotApiException) e).retryable())
        .abortIf((result, e) -> e instanceof SendPilotApiException
            && ((SendPilotApiException) e).retryable()
            && waits.refuses((SendPilotApiException) e))
        .withMaxAttempts(config.maxAttempts())
        .withDelayFn(context -> waits.next(context.getLastException(),
            context.getAttemptCount()))
        .onRetryScheduled(event -> {
          waits.waiting(event.getDelay());
          LOG.warn("Retrying {} in {} ms (attempt {} of {}) after: {}",
              config.apiKey().redact(requestOf(event.getLastException())),
              event.getDelay().toMillis(), event.getAttemptCount() + 1, config.maxAttempts(),
              config.apiKey().redact(event.getLastException().getMessage()));
        })
        .build();
  }

  private static String requestOf(Throwable e) {
    return e instanceof SendPilotApiException ? ((SendPilotApiException) e).request() : "request";
  }
}
