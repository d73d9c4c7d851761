package ai.sendpilot.sql.client;

import dev.failsafe.BulkheadFullException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimitExceededException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a request is tried again and when it may leave: retries with backoff, jitter and the
 * API's {@code Retry-After}, within the key's shared {@link RequestLimits}; words the failure
 * that ends them.
 */
final class RequestPolicy {
  /** The client's logger: log settings name the client, not its parts. */
  private static final Logger LOG = LoggerFactory.getLogger(SendPilotClient.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final double JITTER = 0.25;
  private static final ScheduledExecutorService RETRY_SCHEDULER =
      Executors.newScheduledThreadPool(1, DaemonThreads.named("sendpilot-retry"));

  private final ClientConfig config;
  private final FailsafeExecutor<Object> executor;

  RequestPolicy(ClientConfig config) {
    this.config = config;
    RequestLimits limits = RequestLimits.of(config);
    this.executor = Failsafe.with(retryPolicy(config))
        .compose(limits.rateLimiter())
        .compose(limits.bulkhead())
        .with(new InlineScheduler(RETRY_SCHEDULER));
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
    CompletableFuture<T> attemptsDone = executor.getStageAsync(
        () -> attempt.apply(attempts.incrementAndGet()));
    CompletableFuture<T> result = new CompletableFuture<>();
    attemptsDone.whenComplete((value, failure) -> {
      if (failure != null) {
        result.completeExceptionally(finalFailure(unwrap(failure), request, attempts.get()));
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

  private Throwable finalFailure(Throwable failure, String request, int attempts) {
    if (failure instanceof SendPilotApiException) {
      return finalFailure((SendPilotApiException) failure, attempts);
    }
    if (failure instanceof RateLimitExceededException || failure instanceof BulkheadFullException) {
      return ApiErrors.rateLimitWait(request, config, failure);
    }
    return failure;
  }

  private SendPilotApiException finalFailure(SendPilotApiException e, int attempts) {
    Duration asked = e.retryAfter();
    if (asked != null && asked.compareTo(config.maxRetryWait()) > 0) {
      return ApiErrors.retryAfterTooLong(e, asked, config.maxRetryWait());
    }
    return ApiErrors.afterAttempts(e, attempts);
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
}
