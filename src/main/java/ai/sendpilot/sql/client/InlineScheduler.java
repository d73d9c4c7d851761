package ai.sendpilot.sql.client;

import dev.failsafe.spi.DefaultScheduledFuture;
import dev.failsafe.spi.Scheduler;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Lets Failsafe start an attempt in the calling thread (sending a request is non-blocking) and
 * only hands real waits (backoff, Retry-After, rate limiting) to the scheduler thread: one
 * thread hop less on every page.
 */
final class InlineScheduler implements Scheduler {
  private final ScheduledExecutorService waits;

  InlineScheduler(ScheduledExecutorService waits) {
    this.waits = waits;
  }

  @Override public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
    if (delay > 0) {
      return waits.schedule(callable, delay, unit);
    }
    try {
      callable.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new DefaultScheduledFuture<Object>() {
      @Override public boolean isDone() {
        return true;
      }
    };
  }
}
