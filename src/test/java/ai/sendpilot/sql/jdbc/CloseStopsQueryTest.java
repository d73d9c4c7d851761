package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.HeldAnswer;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Closing a statement or its connection from another thread, as pools and BI tools abandon a
 * query, stops the query: its reading thread returns without waiting for the page in flight,
 * that request is abandoned, and no further page is asked for.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseStopsQueryTest {
  private static final String SQL = "select id from conversations";

  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeInbox inbox = FakeInbox.of("a", 3000);
  private final ExecutorService reader = Executors.newSingleThreadExecutor();

  /** What the other thread closes. */
  enum Closed {
    STATEMENT, CONNECTION;

    void close(Connection c, Statement s) throws SQLException {
      if (this == STATEMENT) {
        s.close();
      } else {
        c.close();
      }
    }
  }

  @AfterEach void stop() {
    reader.shutdownNow();
  }

  /** Reads every row of {@link #SQL} in the reader thread; the future holds what ended it. */
  private Future<Throwable> readAllInTheBackground(Statement s) {
    return reader.submit(() -> {
      try (ResultSet rs = s.executeQuery(SQL)) {
        while (rs.next()) {
          rs.getString(1);
        }
        return null;
      } catch (SQLException | RuntimeException e) {
        return e;
      }
    });
  }

  /**
   * Plans and runs the query shape once, so that the first query of the JVM, which compiles
   * Calcite's code, does not count against the deadlines.
   */
  private static void warmUp(Connection c) throws SQLException {
    assertEquals(1, Jdbc.rows(c, SQL + " limit 1").size());
  }

  private static Throwable ended(Future<Throwable> reading)
      throws InterruptedException, ExecutionException {
    try {
      return reading.get(Requests.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the reading thread still runs " + Requests.DEADLINE
          + " after the close", e);
    }
  }

  @ParameterizedTest @EnumSource(Closed.class)
  void closeFreesTheReaderWhileItsPageIsStillHeld(Closed closed) throws Exception {
    try (HeldAnswer held = new HeldAnswer(3, inbox)) {
      server.setDispatcher(inbox);
      Connection c = Jdbc.connect(server, "callTimeoutMs=60000", "readTimeoutMs=60000");
      try {
        warmUp(c);
        int before = server.getRequestCount();
        server.setDispatcher(held);
        Statement s = c.createStatement();
        Future<Throwable> reading = readAllInTheBackground(s);
        held.awaitHeld();
        closed.close(c, s);
        // The held answer never comes: the reader returns without it.
        Throwable failure = ended(reading);
        assertInstanceOf(SQLException.class, failure, String.valueOf(failure));
        assertEquals("HY008", ((SQLException) failure).getSQLState(), failure::toString);
        // The HTTP call was abandoned while its answer was still held.
        Requests.awaitDriverIdle();
        assertEquals(before + 3, server.getRequestCount());
      } finally {
        c.close();
      }
    }
  }

  @ParameterizedTest @EnumSource(Closed.class)
  void aSlowApiGetsNoRequestAfterTheClose(Closed closed) throws Exception {
    AtomicInteger arrived = new AtomicInteger();
    // The warm-up's request, then three pages of the query.
    CountDownLatch threePagesAsked = new CountDownLatch(4);
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        arrived.incrementAndGet();
        threePagesAsked.countDown();
        MockResponse answer = inbox.dispatch(request);
        // A slow API: every page takes a while (the server's thread, not the test, waits).
        Thread.sleep(150);
        return answer;
      }
    });
    Connection c = Jdbc.connect(server);
    try {
      warmUp(c);
      arrived.set(0);
      Statement s = c.createStatement();
      Future<Throwable> reading = readAllInTheBackground(s);
      assertTrue(threePagesAsked.await(Requests.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
      int atClose = arrived.get();
      closed.close(c, s);
      Throwable failure = ended(reading);
      assertInstanceOf(SQLException.class, failure, String.valueOf(failure));
      Requests.awaitDriverIdle();
      // At most the request that was leaving as the statement closed.
      assertTrue(arrived.get() <= atClose + 1, arrived.get() + " requests, " + atClose
          + " when closed");
      assertFalse(arrived.get() >= 30, "the scan read every page");
    } finally {
      c.close();
    }
  }
}
