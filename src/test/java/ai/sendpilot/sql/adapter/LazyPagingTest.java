package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.FakeInbox.token;
import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.sendpilot.sql.client.ConversationStream;
import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.HeldAnswer;
import ai.sendpilot.sql.testing.QueryAssert;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Pages are fetched only when rows are consumed, and closing stops paging. Each "no more
 * requests" is proven by waiting until the driver has nothing in flight ({@link Requests#take}),
 * or by holding a page back at the server so that the driver cannot get past it.
 */
class LazyPagingTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeInbox inbox = FakeInbox.of("a", 1000);

  /** Reads rows {@code from} to {@code to} (0-based, exclusive), checking each id. */
  private static void read(ResultSet rs, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      assertTrue(rs.next(), "row " + i);
      assertEquals("a-c" + i, rs.getString(1));
    }
  }

  private static Map<String, String> page(int offset) {
    return offset == 0 ? params("limit", "100")
        : params("limit", "100", "continuationToken", token(offset));
  }

  @Test void readingThreeRowsThenClosingFetchesOnePage() throws Exception {
    server.setDispatcher(inbox);
    try (Connection c = QueryAssert.on(server).connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id from conversations")) {
      read(rs, 0, 3);
      assertEquals(List.of(page(0)), Requests.take(server, 1));
    }
    assertEquals(List.of(), Requests.take(server, 0));
  }

  @Test void theNextPageIsReadAheadFromHalfWayButNeverTwoPagesAhead() throws Exception {
    server.setDispatcher(inbox);
    try (Connection c = QueryAssert.on(server).connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id from conversations")) {
      read(rs, 0, 45);
      assertEquals(List.of(page(0)), Requests.take(server, 1), "none ahead before half-way");
      read(rs, 45, 60);
      assertEquals(List.of(page(100)), Requests.take(server, 1), "page 2 from half-way");
      read(rs, 60, 140);
      assertEquals(List.of(), Requests.take(server, 0), "page 3 not before half of page 2");
      read(rs, 140, 160);
      assertEquals(List.of(page(200)), Requests.take(server, 1), "page 3 from half-way");
      read(rs, 160, 199);
      assertEquals(List.of(), Requests.take(server, 0),
          "page 3 is in and its token known, yet page 4 waits until page 3 is read");
      read(rs, 199, 260);
      assertEquals(List.of(page(300)), Requests.take(server, 1));
    }
    assertEquals(List.of(), Requests.take(server, 0));
  }

  @Test void whileTheReaderWaitsTheNextRequestLeavesAsSoonAsTheTokenIsKnown() throws Exception {
    HeldAnswer secondPageHeld = new HeldAnswer(2, inbox);
    server.setDispatcher(secondPageHeld);
    try (Connection c = QueryAssert.on(server).connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id from conversations")) {
      // JDBC's next() moves Calcite's enumerator one row ahead: row 99 needs row 100.
      read(rs, 0, 99);
      secondPageHeld.awaitHeld();
      FutureTask<String> row99 = new FutureTask<>(() -> {
        assertTrue(rs.next());
        return rs.getString(1);
      });
      Thread reader = new Thread(row99, "reader");
      reader.start();
      awaitWaitingForAPage(reader);
      secondPageHeld.release();
      assertEquals("a-c99", row99.get(Requests.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
      assertEquals(List.of(page(0), page(100), page(200)), Requests.take(server, 3),
          "page 3 left while the reader waited for page 2, before it took a row of it");
    } finally {
      secondPageHeld.release();
    }
  }

  /** Waits until {@code reader} waits inside the driver for a page. */
  private static void awaitWaitingForAPage(Thread reader) throws InterruptedException {
    long deadline = System.nanoTime() + Requests.DEADLINE.toNanos();
    while (!waitsForAPage(reader)) {
      if (!reader.isAlive()) {
        fail("the row came while page 2 was held");
      }
      if (System.nanoTime() - deadline > 0) {
        fail("the reader never waited for page 2");
      }
      Thread.sleep(2);
    }
  }

  private static boolean waitsForAPage(Thread t) {
    Thread.State state = t.getState();
    return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
        && Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("hasNext")
            && f.getClassName().equals(ConversationStream.class.getName()));
  }

  @Test void closingTheStatementCancelsTheRequestInFlightAndStopsPaging() throws Exception {
    HeldAnswer secondPageHeld = new HeldAnswer(2, inbox);
    server.setDispatcher(secondPageHeld);
    try (Connection c = QueryAssert.on(server).connect(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("select * from participants");
      for (int i = 0; i < 110; i++) {
        assertTrue(rs.next());
      }
      secondPageHeld.awaitHeld();
      s.close();
      assertTrue(rs.isClosed());
      // the server still holds page 2: only a cancelled call can leave the driver idle
      Requests.awaitDriverIdle();
    } finally {
      secondPageHeld.release();
    }
    assertEquals(List.of(page(0), page(100)), Requests.take(server, 2));
  }

  @Test void executingWithoutReadingFetchesOnlyTheFirstPage() throws Exception {
    server.setDispatcher(inbox);
    try (Connection c = QueryAssert.on(server).connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select * from conversations")) {
      assertEquals(List.of(page(0)), Requests.take(server, 1));
    }
    assertEquals(List.of(), Requests.take(server, 0));
  }
}
