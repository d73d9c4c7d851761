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
import ai.sendpilot.sql.testing.QueryAssert;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    try (Connection c = Jdbc.connect(server); Connection other = Jdbc.connect(server);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id from conversations")) {
      assertEquals(c, c);
      assertEquals(c.hashCode(), c.hashCode());
      assertNotEquals(c, other);
      assertSame(c, s.getConnection());
      assertSame(s, rs.getStatement());
      assertSame(c, c.getMetaData().getConnection());
      assertSame(c, c.unwrap(Connection.class));
      assertSame(c, c.unwrap(CalciteConnection.class));
      assertTrue(c.isWrapperFor(CalciteConnection.class));
      try (PreparedStatement ps = c.prepareStatement("select id from conversations");
           PreparedStatement ps2 = c.prepareStatement("select id from conversations")) {
        assertSame(c, ps.getConnection());
        assertEquals(ps, ps);
        assertNotEquals(ps, ps2);
      }
    }
  }

  @Test void rejectedKeyHasTheAuthorizationSqlState() {
    server.enqueue(new MockResponse.Builder().code(401)
        .body("{\"statusCode\":401,\"message\":\"Invalid API key\"}").build());
    QueryAssert.on(server).query("select * from conversations")
        .failsWith("28000", "SendPilot rejected the API key (HTTP 401 on"
            + " GET /v1/inbox/conversations?limit=100: Invalid API key)");
  }

  @Test void queryTimeoutIsAnSqlTimeoutException() throws Exception {
    server.enqueue(new MockResponse.Builder().headersDelay(20, TimeUnit.SECONDS).body("{}")
        .build());
    try (Connection c = Jdbc.connect(server); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      SQLTimeoutException e = assertThrows(SQLTimeoutException.class,
          () -> Jdbc.rows(s.executeQuery("select * from conversations")));
      assertEquals("57014", e.getSQLState());
      assertTrue(e.getMessage().contains("The query timed out after 1000 ms"
          + " (Statement.setQueryTimeout) while waiting for GET /v1/inbox/conversations"
          + "?limit=100"), e.getMessage());
    }
    Requests.awaitDriverIdle();
  }

  @Test void thePasswordFieldCarriesTheKey() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 3));
    try (Connection c = DriverManager.getConnection(
        "jdbc:sendpilot:baseUrl=" + Jdbc.baseUrl(server), "anyone", FakeInbox.KEY)) {
      assertEquals(List.of("3"), Jdbc.rows(c, "select count(*) from conversations"));
      assertFalse(c.unwrap(CalciteConnection.class).getProperties().toString()
          .contains(FakeInbox.KEY));
    }
    // the connect-time check of the key, then the query
    assertEquals(List.of(params("limit", "1"), params("limit", "100")),
        Requests.take(server, 2));
  }

  @Test void limitParameterWithLiteralOffsetIsPushed() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 50));
    try (Connection c = QueryAssert.on(server).connect();
         PreparedStatement ps = c.prepareStatement(
             "select id from conversations limit ? offset 5")) {
      ps.setInt(1, 4);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("a-c5", "a-c6", "a-c7", "a-c8"), Jdbc.rows(rs));
      }
      assertEquals(List.of(params("limit", "9")), Requests.take(server, 1));
    }
  }

  @Test void idsRepeatedUnderAnotherAccountAreDistinctConversations() {
    String page = "{\"conversations\":[" + conv("a", "x1") + "," + conv("b", "x1") + ","
        + conv("a", "x2") + "," + conv("b", "x2") + "],\"pagination\":{\"hasMore\":false}}";
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().body(page).build();
      }
    });
    QueryAssert sharing = QueryAssert.on(server).with("pageCacheTtlMs=0");
    sharing.query("select account_id, id from conversations")
        .returns("a; x1", "b; x1", "a; x2", "b; x2");
    sharing.query("select count(distinct id) from conversations").returns("2");
    sharing.query("select distinct id from conversations order by id").returns("x1", "x2");
  }

  private static String conv(String account, String id) {
    return "{\"id\":\"" + id + "\",\"accountId\":\"" + account + "\",\"participants\":[null,"
        + "{\"id\":\"p\",\"name\":\"P\"}]}";
  }

  @Test void aNullParticipantEntryIsSkipped() {
    server.enqueue(new MockResponse.Builder().body("{\"conversations\":[" + conv("a", "c1")
        + "],\"pagination\":{\"hasMore\":false}}").build());
    QueryAssert.on(server).query("select * from participants")
        .returns("c1; a; p; P; null; null")
        .sends(params("limit", "100"));
  }
}
