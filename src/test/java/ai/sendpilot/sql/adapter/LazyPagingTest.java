package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pages are fetched only when rows are consumed, and closing stops paging. */
class LazyPagingTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach void serve() {
    server.setDispatcher(FakeInbox.of("a", 1000));
  }

  /** Waits until the server has seen {@code count} requests, then a little for any more. */
  private void awaitRequests(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (server.getRequestCount() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(300);
  }

  @Test void readingThreeRowsThenClosingFetchesOnePage() throws Exception {
    try (Connection c = Jdbc.connect(server); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("select id from conversations");
      for (int i = 0; i < 3; i++) {
        assertTrue(rs.next());
        assertEquals("a-c" + i, rs.getString(1));
      }
      rs.close();
    }
    Thread.sleep(300);
    assertEquals(List.of(Map.of("limit", "100")), Requests.drain(server));
  }

  @Test void theNextPageIsReadAheadFromHalfWayButNeverTheOneAfter() throws Exception {
    try (Connection c = Jdbc.connect(server, "requestsPerSecond=1000");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id from conversations")) {
      for (int i = 0; i < 45; i++) {
        assertTrue(rs.next());
      }
      awaitRequests(1);
      assertEquals(1, server.getRequestCount(), "no read-ahead before half of page 1");
      for (int i = 45; i < 60; i++) {
        assertTrue(rs.next());
      }
      awaitRequests(2);
      assertEquals(2, server.getRequestCount(), "page 2 is fetched while page 1 is read");
      for (int i = 60; i < 140; i++) {
        assertTrue(rs.next());
      }
      assertEquals("a-c139", rs.getString(1));
      awaitRequests(3);
      assertTrue(server.getRequestCount() <= 3, "never two pages ahead");
      for (int i = 140; i < 160; i++) {
        assertTrue(rs.next());
      }
      awaitRequests(3);
      assertEquals(3, server.getRequestCount(), "page 3 by half-way through page 2");
    }
  }

  @Test void closingTheStatementStopsPaging() throws Exception {
    try (Connection c = Jdbc.connect(server)) {
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery("select * from participants");
      assertTrue(rs.next());
      s.close();
      assertTrue(rs.isClosed());
    }
    Thread.sleep(300);
    assertEquals(1, server.getRequestCount());
  }

  @Test void executingWithoutReadingFetchesOnlyTheFirstPage() throws Exception {
    try (Connection c = Jdbc.connect(server); Statement s = c.createStatement()) {
      s.executeQuery("select * from conversations").close();
    }
    Thread.sleep(300);
    assertEquals(1, server.getRequestCount());
  }
}
