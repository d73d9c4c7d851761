package ai.sendpilot.sql.jdbc;

import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;

/** What pools and BI tools rely on: identity, parents, SQLStates, the password field. */
class JdbcBehaviourTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test void objectsKnowTheirIdentityAndParents() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 3));
    try (Connection c = Jdbc.connect(server); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id from conversations")) {
      assertTrue(c.equals(c));
      assertEquals(c.hashCode(), c.hashCode());
      assertNotEquals(c, Jdbc.connect(server));
      assertSame(c, s.getConnection());
      assertSame(s, rs.getStatement());
      assertSame(c, c.getMetaData().getConnection());
      assertSame(c, c.unwrap(Connection.class));
      assertSame(c, c.unwrap(CalciteConnection.class));
      assertTrue(c.isWrapperFor(CalciteConnection.class));
      try (PreparedStatement ps = c.prepareStatement("select id from conversations")) {
        assertSame(c, ps.getConnection());
        assertTrue(ps.equals(ps));
      }
    }
  }

  @Test void rejectedKeyHasTheAuthorizationSqlState() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401)
        .body("{\"statusCode\":401,\"message\":\"Invalid API key\"}").build());
    try (Connection c = Jdbc.connect(server)) {
      SQLException e = assertThrows(SQLException.class,
          () -> Jdbc.rows(c, "select * from conversations"));
      assertEquals("28000", e.getSQLState());
    }
  }

  @Test void queryTimeoutIsAnSqlTimeoutException() throws Exception {
    server.enqueue(new MockResponse.Builder().headersDelay(20, TimeUnit.SECONDS).body("{}")
        .build());
    try (Connection c = Jdbc.connect(server); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      SQLTimeoutException e = assertThrows(SQLTimeoutException.class,
          () -> Jdbc.rows(s.executeQuery("select * from conversations")));
      assertEquals("HYT00", e.getSQLState());
    }
  }

  @Test void thePasswordFieldCarriesTheKey() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 3));
    try (Connection c = DriverManager.getConnection(
        "jdbc:sendpilot:baseUrl=" + Jdbc.baseUrl(server), "anyone", FakeInbox.KEY)) {
      assertEquals(List.of("3"), Jdbc.rows(c, "select count(*) from conversations"));
      assertFalse(c.unwrap(CalciteConnection.class).getProperties().toString()
          .contains(FakeInbox.KEY));
    }
  }

  @Test void limitParameterWithLiteralOffsetIsPushed() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 50));
    try (Connection c = Jdbc.connect(server);
         PreparedStatement ps = c.prepareStatement(
             "select id from conversations limit ? offset 5")) {
      ps.setInt(1, 4);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("a-c5", "a-c6", "a-c7", "a-c8"), Jdbc.rows(rs));
      }
    }
    assertEquals(List.of(params("limit", "9")), Requests.drain(server));
  }

  @Test void idsRepeatedUnderAnotherAccountAreDistinctConversations() throws Exception {
    String page = "{\"conversations\":[" + conv("a", "x1") + "," + conv("b", "x1") + ","
        + conv("a", "x2") + "," + conv("b", "x2") + "],\"pagination\":{\"hasMore\":false}}";
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().body(page).build();
      }
    });
    try (Connection c = Jdbc.connect(server, "pageCacheTtlMs=0")) {
      assertEquals(List.of("4"), Jdbc.rows(c, "select count(*) from conversations"));
      assertEquals(List.of("2"), Jdbc.rows(c, "select count(distinct id) from conversations"));
      assertEquals(List.of("x1", "x2"),
          Jdbc.rows(c, "select distinct id from conversations order by id"));
    }
  }

  private static String conv(String account, String id) {
    return "{\"id\":\"" + id + "\",\"accountId\":\"" + account + "\",\"participants\":[null,"
        + "{\"id\":\"p\",\"name\":\"P\"}]}";
  }

  @Test void aNullParticipantEntryIsSkipped() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"conversations\":[" + conv("a", "c1")
        + "],\"pagination\":{\"hasMore\":false}}").build());
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(List.of("c1; a; p; P; null; null"),
          Jdbc.rows(c, "select * from participants"));
    }
    assertEquals(1, Requests.drain(server).size());
  }
}
