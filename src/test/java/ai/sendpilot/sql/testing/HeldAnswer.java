package ai.sendpilot.sql.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A dispatcher that answers like another one but holds back its answer to one request (by
 * arrival number) until the test releases it: while it is held, the driver cannot get past
 * that page, and its arrival is an event the test can wait for.
 */
public final class HeldAnswer extends Dispatcher {
  private final Dispatcher answers;
  private final int heldRequest;
  private final AtomicInteger arrived = new AtomicInteger();
  private final CountDownLatch heldArrived = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  /** Answers as {@code answers} does, holding back the answer to request {@code held} (from 1). */
  public HeldAnswer(int held, Dispatcher answers) {
    this.answers = answers;
    this.heldRequest = held;
  }

  @Override public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    if (arrived.incrementAndGet() == heldRequest) {
      heldArrived.countDown();
      released.await(Requests.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }
    return answers.dispatch(request);
  }

  /** Waits, up to the deadline, until the held request has arrived. */
  public void awaitHeld() throws InterruptedException {
    assertTrue(heldArrived.await(Requests.DEADLINE.toMillis(), TimeUnit.MILLISECONDS),
        "request " + heldRequest + " never arrived; " + arrived.get() + " did");
  }

  /** Lets the held answer go. */
  public void release() {
    released.countDown();
  }

  @Override public void close() {
    release();
  }
}
