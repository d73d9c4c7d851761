package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.HeldAnswer;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cancel and query timeout stop a scan promptly, in-flight request and retry waits included. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CancellationTest {
  private static final String SQL = "select id from conversations";
  /** The request for the second page of {@link #inbox}, the one the scan waits for. */
  private static final String SECOND_PAGE = "GET /v1/inbox/conversations?"
      + HttpUrl.get("http://api/").newBuilder().addQueryParameter("limit", "100")
          .addQueryParameter("continuationToken", FakeInbox.token(100)).build().encodedQuery();
  /** A generous bound on how long stopping takes: the held answer would come after 10 s. */
  private static final long STOPS_WITHIN_MILLIS = 5000;

  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeInbox inbox = FakeInbox.of("a", 500);
  private final ExecutorService canceller = Executors.newSingleThreadExecutor();
  private final AtomicLong cancelledAt = new AtomicLong();

  @AfterEach void stop() {
    canceller.shutdownNow();
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /** Reads the whole result, which must fail. */
  private static SQLException readAll(Statement s) {
    return assertThrows(SQLException.class, () -> {
      try (ResultSet rs = s.executeQuery(SQL)) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
    });
  }

  /** Something the test waits for. */
  @FunctionalInterface
  private interface Event {
    void await() throws InterruptedException;
  }

  /** Cancels {@code s}, from another thread, once {@code ready} has happened. */
  private void cancelAfter(Event ready, Statement s) {
    canceller.submit(() -> {
      ready.await();
      cancelledAt.set(System.nanoTime());
      s.cancel();
      return null;
    });
  }

  @Test void cancelStopsAnInFlightRequest() throws Exception {
    try (HeldAnswer held = new HeldAnswer(2, inbox)) {
      server.setDispatcher(held);
      try (Connection c = Jdbc.connect(server, "callTimeoutMs=60000", "readTimeoutMs=60000");
           Statement s = c.createStatement()) {
        cancelAfter(held::awaitHeld, s);
        SQLException e = readAll(s);
        long took = millisSince(cancelledAt.get());
        assertTrue(took < STOPS_WITHIN_MILLIS, "stopped " + took + " ms after the cancel");
        assertEquals("HY008", e.getSQLState(), e::toString);
        assertEquals("Error while reading rows: The query was cancelled while waiting for "
            + SECOND_PAGE + ".", e.getMessage());
      }
      // The HTTP call was abandoned: it ends while its answer is still held.
      Requests.awaitDriverIdle();
    }
  }

  @Test void queryTimeoutStopsAnInFlightRequest() throws Exception {
    try (HeldAnswer held = new HeldAnswer(2, inbox)) {
      server.setDispatcher(held);
      try (Connection c = Jdbc.connect(server, "callTimeoutMs=60000", "readTimeoutMs=60000");
           Statement s = c.createStatement()) {
        s.setQueryTimeout(1);
        long started = System.nanoTime();
        SQLException e = readAll(s);
        long took = millisSince(started);
        assertTrue(took < STOPS_WITHIN_MILLIS, "stopped " + took + " ms after the start");
        assertInstanceOf(SQLTimeoutException.class, e);
        assertEquals("57014", e.getSQLState(), e::toString);
        assertEquals("Error while reading rows: The query timed out after 1000 ms"
            + " (Statement.setQueryTimeout) while waiting for " + SECOND_PAGE + ".",
            e.getMessage());
      }
      held.awaitHeld();
      Requests.awaitDriverIdle();
    }
  }

  @Test void theDefaultDeadlineStopsAQueryWaitingOnTheApi() throws Exception {
    try (HeldAnswer held = new HeldAnswer(2, inbox)) {
      server.setDispatcher(held);
      try (Connection c = Jdbc.connect(server, "callTimeoutMs=60000", "readTimeoutMs=60000",
          "queryTimeoutMs=1000"); Statement s = c.createStatement()) {
        SQLException e = readAll(s);
        assertInstanceOf(SQLTimeoutException.class, e);
        assertEquals("57014", e.getSQLState(), e::toString);
        assertEquals("Error while reading rows: The query timed out after 1000 ms"
            + " (queryTimeoutMs) while waiting for " + SECOND_PAGE + ".", e.getMessage());
      }
      // The held request was abandoned, and no page after it was asked for.
      Requests.awaitDriverIdle();
      assertEquals(2, server.getRequestCount());
    }
  }

  @Test void cancelStopsAWaitBetweenRetries() throws Exception {
    CountDownLatch throttled = new CountDownLatch(1);
    AtomicLong throttledAt = new AtomicLong();
    AtomicInteger count = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        if (count.incrementAndGet() != 2) {
          return inbox.dispatch(request);
        }
        throttledAt.set(System.nanoTime());
        throttled.countDown();
        return new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
            .body("{\"statusCode\":429,\"message\":\"Too Many Requests\"}").build();
      }
    });
    try (Connection c = Jdbc.connect(server); Statement s = c.createStatement()) {
      cancelAfter(() -> {
        throttled.await();
        // Once the 429 is read, nothing is in flight: the driver waits to retry.
        Requests.awaitDriverIdle();
      }, s);
      SQLException e = readAll(s);
      assertEquals("HY008", e.getSQLState(), e::toString);
      assertEquals("Error while reading rows: The query was cancelled while waiting for "
          + SECOND_PAGE + ".", e.getMessage());
    }
    long cancelledAfter = (cancelledAt.get() - throttledAt.get()) / 1_000_000;
    assertTrue(cancelledAfter < 1000, "the cancel came " + cancelledAfter + " ms after the 429,"
        + " not before the retry was due");
    // The retry was due 1 s after the 429: past that, still only the first two requests.
    long pastTheRetry = 2000 - (System.nanoTime() - throttledAt.get()) / 1_000_000;
    if (pastTheRetry > 0) {
      Thread.sleep(pastTheRetry);
    }
    assertEquals(2, Requests.take(server, 2).size());
    assertEquals(2, count.get());
  }
}
