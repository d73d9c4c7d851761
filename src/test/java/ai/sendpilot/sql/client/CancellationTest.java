package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancel and query timeout stop a scan promptly, in-flight request and retry waits included. */
class CancellationTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();

  @AfterEach void stop() {
    canceller.shutdownNow();
  }

  private final CountDownLatch slowRequestArrived = new CountDownLatch(1);
  private final AtomicLong cancelledAt = new AtomicLong();
  private final AtomicLong arrivedAt = new AtomicLong();

  /** The first page comes at once; later requests answer {@code slow}. */
  private void slowAfterFirstPage(MockResponse slow) {
    FakeInbox inbox = FakeInbox.of("a", 500);
    AtomicInteger count = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        if (count.incrementAndGet() == 1) {
          return inbox.dispatch(request);
        }
        arrivedAt.compareAndSet(0, System.nanoTime());
        slowRequestArrived.countDown();
        return slow;
      }
    });
  }

  /** Cancels {@code s} shortly after the slow request reached the server. */
  private void cancelOnceSlow(Statement s) {
    canceller.submit(() -> {
      slowRequestArrived.await();
      Thread.sleep(300);
      cancelledAt.set(System.nanoTime());
      s.cancel();
      return null;
    });
  }

  private static MockResponse stalled() {
    return new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS).body("{}").build();
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static void awaitNoRequestsInFlight() throws InterruptedException {
    long start = System.nanoTime();
    while (SendPilotClient.requestsInFlight() > 0 && millisSince(start) < 5000) {
      Thread.sleep(20);
    }
    assertEquals(0, SendPilotClient.requestsInFlight());
  }

  /** Reads the whole result; returns the milliseconds it took to fail. */
  private static SQLException readAll(Statement s, String sql) {
    return assertThrows(SQLException.class, () -> {
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
    });
  }

  @Test void cancelStopsAnInFlightRequest() throws Exception {
    slowAfterFirstPage(stalled());
    try (Connection c = Jdbc.connect(server, "callTimeoutMs=60000", "readTimeoutMs=60000");
         Statement s = c.createStatement()) {
      cancelOnceSlow(s);
      SQLException e = readAll(s, "select id from conversations");
      long took = millisSince(cancelledAt.get());
      assertTrue(took < 1000, "stopped " + took + " ms after the cancel");
      assertTrue(e.getMessage().contains("cancel"), e.getMessage());
    }
    awaitNoRequestsInFlight();
  }

  @Test void queryTimeoutStopsAnInFlightRequest() throws Exception {
    slowAfterFirstPage(stalled());
    try (Connection c = Jdbc.connect(server, "callTimeoutMs=60000", "readTimeoutMs=60000");
         Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      SQLException e = readAll(s, "select id from conversations");
      long took = millisSince(arrivedAt.get());
      assertTrue(took < 2000, "stopped " + took + " ms after the slow request started");
      assertTrue(e.getMessage().contains("The query timed out after 1000 ms"
          + " (Statement.setQueryTimeout) while waiting for GET /v1/inbox/conversations"),
          e.getMessage());
    }
    awaitNoRequestsInFlight();
  }

  @Test void cancelStopsAWaitBetweenRetries() throws Exception {
    slowAfterFirstPage(new MockResponse.Builder().code(429).addHeader("Retry-After", "20")
        .body("{\"statusCode\":429,\"message\":\"Too Many Requests\"}").build());
    try (Connection c = Jdbc.connect(server); Statement s = c.createStatement()) {
      cancelOnceSlow(s);
      SQLException e = readAll(s, "select id from conversations");
      long took = millisSince(cancelledAt.get());
      assertTrue(took < 1000, "stopped " + took + " ms after the cancel");
      assertTrue(e.getMessage().contains("cancel"), e.getMessage());
    }
    assertEquals(2, server.getRequestCount());
  }
}
