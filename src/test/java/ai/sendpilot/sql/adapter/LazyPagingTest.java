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

  @Test void readingThreeRowsThenClosingFetchesOnePage() throws Exception {
    try (Connection c = Jdbc.connect(server); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("select id from conversations");
      for (int i = 0; i < 3; i++) {
        assertTrue(rs.next());
        assertEquals("a-c" + i, rs.getString(1));
      }
      rs.close();
    }
    assertEquals(List.of(Map.of("limit", "100")), Requests.drain(server));
  }

  @Test void nextPageIsRequestedOnlyWhenTheConsumerReachesIt() throws Exception {
    try (Connection c = Jdbc.connect(server); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id from conversations")) {
      for (int i = 0; i < 99; i++) {
        assertTrue(rs.next());
      }
      assertEquals(1, server.getRequestCount());
      assertTrue(rs.next());
      assertTrue(rs.next());
      assertEquals("a-c100", rs.getString(1));
      assertEquals(2, server.getRequestCount());
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
    assertEquals(1, server.getRequestCount());
  }

  @Test void executingWithoutReadingFetchesAtMostTheFirstPage() throws Exception {
    try (Connection c = Jdbc.connect(server); Statement s = c.createStatement()) {
      s.executeQuery("select * from conversations").close();
    }
    assertTrue(server.getRequestCount() <= 1);
  }
}
