package ai.sendpilot.sql.client;

import dev.failsafe.spi.DefaultScheduledFuture;
import dev.failsafe.spi.Scheduler;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets Failsafe start a request's first attempt in the calling thread (sending a request is
 * non-blocking), one thread hop less on every page, and hands everything else to the scheduler
 * thread: real waits (backoff, Retry-After, rate limiting) and every retry, even one without a
 * wait. Failsafe schedules a retry from inside the completion of the failed attempt, before it
 * has recorded how to cancel the retry, and then cancels what the failed attempt left behind: a
 * retry run inline there would be cancelled as it starts, and its request lost.
 */
final class InlineScheduler implements Scheduler {
  /** Whether this thread is starting a request's first attempt, and nothing else yet. */
  private static final ThreadLocal<Boolean> STARTING = ThreadLocal.withInitial(() -> false);

  private final ScheduledExecutorService waits;

  InlineScheduler(ScheduledExecutorService waits) {
    this.waits = waits;
  }

  /** Runs {@code start}, which asks Failsafe to start a request, letting it start inline. */
  <T> T starting(Supplier<T> start) {
    boolean outer = STARTING.get();
    STARTING.set(true);
    try {
      return start.get();
    } finally {
      STARTING.set(outer);
    }
  }

  @Override public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
    if (delay > 0 || !STARTING.get()) {
      return waits.schedule(callable, Math.max(0, delay), unit);
    }
    // What the callable runs (the attempt, and a retry if the attempt fails at once) is no
    // longer the start: it must not run inline.
    STARTING.set(false);
    try {
      callable.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      STARTING.set(true);
    }
    return new DefaultScheduledFuture<Object>() {
      @Override public boolean isDone() {
        return true;
      }
    };
  }
}
