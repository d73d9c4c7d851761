package ai.sendpilot.sql.client;

import dev.failsafe.Policy;
import dev.failsafe.PolicyConfig;
import dev.failsafe.spi.ExecutionResult;
import dev.failsafe.spi.FailsafeFuture;
import dev.failsafe.spi.PolicyExecutor;
import dev.failsafe.spi.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A Failsafe policy that lets each attempt of an asynchronous execution go on only at its turn
 * under an {@link AdaptiveRateLimit}, as Failsafe's own rate limiter does for a fixed rate: at
 * once when nothing holds it back, else after a wait on the scheduler (and longer, when the API
 * asked for a pause meanwhile), or not at all when the wait would be too long.
 */
final class PacingPolicy implements Policy<Object> {
  private final AdaptiveRateLimit limit;
  private final Supplier<? extends Exception> tooLong;
  private final PolicyConfig<Object> config = new PolicyConfig<>() {
  };

  /**
   * @param tooLong the failure of an attempt whose turn would come too late
   */
  PacingPolicy(AdaptiveRateLimit limit, Supplier<? extends Exception> tooLong) {
    this.limit = limit;
    this.tooLong = tooLong;
  }

  @Override public PolicyConfig<Object> getConfig() {
    return config;
  }

  @Override public PolicyExecutor<Object> toExecutor(int policyIndex) {
    return new PolicyExecutor<>(this, policyIndex) {
      @Override protected ExecutionResult<Object> preExecute() {
        throw new UnsupportedOperationException("paces asynchronous executions only");
      }

      @Override protected CompletableFuture<ExecutionResult<Object>> preExecuteAsync(
          Scheduler scheduler, FailsafeFuture<Object> future) {
        long wait = limit.reserve();
        if (wait == 0) {
          return null;
        }
        if (wait < 0) {
          return CompletableFuture.completedFuture(ExecutionResult.exception(tooLong.get()));
        }
        CompletableFuture<ExecutionResult<Object>> turn = new CompletableFuture<>();
        AtomicReference<Future<?>> timer = new AtomicReference<>();
        waitForTurn(scheduler, turn, timer, wait);
        future.setCancelFn(this, (mayInterrupt, result) -> {
          turn.complete(result);
          timer.get().cancel(false);
        });
        return turn;
      }
    };
  }

  private void waitForTurn(Scheduler scheduler, CompletableFuture<ExecutionResult<Object>> turn,
      AtomicReference<Future<?>> timer, long wait) {
    timer.set(scheduler.schedule(() -> {
      long paused = limit.pausedFor();
      if (paused > 0 && !turn.isDone()) {
        waitForTurn(scheduler, turn, timer, paused);
      } else {
        turn.complete(ExecutionResult.none());
      }
      return null;
    }, wait, TimeUnit.NANOSECONDS));
  }
}
