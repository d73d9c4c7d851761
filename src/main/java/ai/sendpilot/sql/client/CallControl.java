package ai.sendpilot.sql.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What can stop the client's calls from outside: a cancel flag and a deadline (for the driver,
 * the statement's). Waiting for a request goes through {@link #await}, which notices either
 * within a few tens of milliseconds and then abandons the request.
 */
public final class CallControl {
  /** Where a deadline comes from unless said otherwise. */
  private static final String STATEMENT_TIMEOUT = "Statement.setQueryTimeout";

  /** Nothing stops the calls but their own end. */
  public static final CallControl NONE = new CallControl(null, 0, 0, STATEMENT_TIMEOUT);

  private static final long POLL_MILLIS = 20;

  private final AtomicBoolean cancelFlag;
  private final long deadlineNanos;
  private final long timeoutMillis;
  private final String timeoutSource;

  private CallControl(AtomicBoolean cancelFlag, long deadlineNanos, long timeoutMillis,
      String timeoutSource) {
    this.cancelFlag = cancelFlag;
    this.deadlineNanos = deadlineNanos;
    this.timeoutMillis = timeoutMillis;
    this.timeoutSource = timeoutSource;
  }

  /**
   * A control for calls starting now.
   *
   * @param cancelFlag set when the calls must stop (the statement was cancelled); may be null
   * @param timeoutMillis time the calls may take from now, 0 or less for no deadline
   */
  public static CallControl of(AtomicBoolean cancelFlag, long timeoutMillis) {
    return of(cancelFlag, timeoutMillis, STATEMENT_TIMEOUT);
  }

  /**
   * A control for calls starting now whose timeout comes from {@code timeoutSource} (a setting's
   * name, for messages).
   */
  public static CallControl of(AtomicBoolean cancelFlag, long timeoutMillis,
      String timeoutSource) {
    long deadline = timeoutMillis > 0
        ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
    if (deadline == 0 && timeoutMillis > 0) {
      deadline = 1;
    }
    return new CallControl(cancelFlag, deadline, Math.max(0, timeoutMillis), timeoutSource);
  }

  /** Whether the calls were cancelled (the deadline aside). */
  public boolean cancelled() {
    return cancelFlag != null && cancelFlag.get();
  }

  /** Whether the calls were cancelled or ran past their deadline. */
  public boolean stopped() {
    return (cancelFlag != null && cancelFlag.get())
        || (deadlineNanos != 0 && System.nanoTime() - deadlineNanos >= 0);
  }

  /**
   * Throws if the calls were cancelled or ran past their deadline; {@code what} (for the message)
   * is only built then.
   */
  public void check(Supplier<String> what) {
    if (cancelFlag != null && cancelFlag.get()) {
      throw new SendPilotCancelledException("The query was cancelled while " + what.get() + ".");
    }
    if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos >= 0) {
      throw new SendPilotCancelledException("The query timed out after " + timeoutMillis
          + " ms (" + timeoutSource + ") while " + what.get() + ".", true);
    }
  }

  /** Waits for {@code result}; cancels it and throws when the calls are stopped meanwhile. */
  public <T> T await(CompletableFuture<T> result, Supplier<String> what) {
    while (true) {
      try {
        return result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        try {
          check(what);
        } catch (SendPilotCancelledException stopped) {
          result.cancel(true);
          throw stopped;
        }
      } catch (InterruptedException e) {
        result.cancel(true);
        Thread.currentThread().interrupt();
        throw new SendPilotCancelledException(
            "The query was interrupted while " + what.get() + ".");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        throw new IllegalStateException(cause);
      } catch (CancellationException e) {
        throw new SendPilotCancelledException("The query was cancelled while " + what.get() + ".");
      }
    }
  }
}
