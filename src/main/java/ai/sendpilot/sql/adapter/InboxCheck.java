package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.client.ApiKey;
import ai.sendpilot.sql.client.ClientConfig;
import ai.sendpilot.sql.client.PageRequest;
import ai.sendpilot.sql.client.SendPilotClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Proves that an API key and host work with the cheapest request there is,
 * {@code GET /v1/inbox/conversations?limit=1}, so that a tool's "Test connection" fails with
 * the error its first query would meet. A success is remembered per host and key for
 * {@link #SUCCESS_REMEMBERED}, so a pool opening many connections pays for one request; a
 * failure is not remembered; checks that overlap share one request.
 */
public final class InboxCheck {
  /** How long a successful check answers for its host and key. */
  public static final Duration SUCCESS_REMEMBERED = Duration.ofSeconds(60);

  private static final Results SHARED = new Results(System::nanoTime);

  private final ClientConfig config;
  private final Results results;

  InboxCheck(ClientConfig config, Results results) {
    this.config = config;
    this.results = results;
  }

  /**
   * The check of the workspace {@code settings} connect to; empty for the demo inbox, which
   * needs none.
   *
   * @throws IllegalArgumentException when the settings name no usable key
   */
  public static Optional<InboxCheck> of(SendPilotSettings settings) {
    if (settings.demo()) {
      return Optional.empty();
    }
    return Optional.of(new InboxCheck(settings.clientConfig(), SHARED));
  }

  /**
   * Checks, or answers from a recent success; waits as long as the request's own timeouts and
   * retries allow.
   *
   * @throws RuntimeException the API's failure, as a query would meet it
   */
  public void run() {
    try {
      results.check(config, this::request).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }

  /**
   * Whether the check passes within {@code timeout} (zero: however long it takes); waiting
   * longer is a failure, but the request goes on for later checks.
   */
  public boolean passes(Duration timeout) {
    CompletableFuture<Void> check = results.check(config, this::request);
    try {
      if (timeout.isZero()) {
        check.get();
      } else {
        check.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private CompletableFuture<?> request() {
    return new SendPilotClient(config).fetch(new PageRequest(null, 1, null));
  }

  /** Checks by host and key: in flight, or succeeded within {@link #SUCCESS_REMEMBERED}. */
  static final class Results {
    private final Map<Owner, Attempt> attempts = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    Results(LongSupplier nanoTime) {
      this.nanoTime = nanoTime;
    }

    /** The check of {@code config}'s host and key: a usable one, or a new one {@code request}. */
    CompletableFuture<Void> check(ClientConfig config, Supplier<CompletableFuture<?>> request) {
      Owner owner = new Owner(config.baseUrl().toString(), config.apiKey());
      Attempt[] started = new Attempt[1];
      Attempt attempt = attempts.compute(owner, (o, current) -> {
        if (current != null && current.usable(nanoTime.getAsLong())) {
          return current;
        }
        started[0] = new Attempt();
        return started[0];
      });
      if (started[0] != null) {
        try {
          started[0].follow(request.get(), nanoTime);
        } catch (RuntimeException e) {
          started[0].result.completeExceptionally(e);
        }
      }
      return attempt.result;
    }
  }

  /** One check's request and, once it succeeded, when. */
  private static final class Attempt {
    final CompletableFuture<Void> result = new CompletableFuture<>();
    private volatile long succeededAt;

    void follow(CompletableFuture<?> request, LongSupplier nanoTime) {
      request.whenComplete((page, failure) -> {
        if (failure != null) {
          result.completeExceptionally(failure instanceof CompletionException
              && failure.getCause() != null ? failure.getCause() : failure);
        } else {
          succeededAt = nanoTime.getAsLong();
          result.complete(null);
        }
      });
    }

    /** In flight, or succeeded less than {@link #SUCCESS_REMEMBERED} ago. */
    boolean usable(long now) {
      if (!result.isDone()) {
        return true;
      }
      return !result.isCompletedExceptionally()
          && now - succeededAt < SUCCESS_REMEMBERED.toNanos();
    }
  }

  /** Whom a check speaks for: an API host and a key. */
  private record Owner(String baseUrl, ApiKey key) {
  }
}
