package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * A wrong key or an unreachable host fails the connection, with the error the first query
 * would meet, so a tool's "Test connection" tells the truth; one small request per key and host
 * a minute proves them, and {@code isValid} answers from the same check.
 */
class ConnectCheckTest {
  private static final String CHECK = "/v1/inbox/conversations?limit=1";

  @StartStop final MockWebServer server = new MockWebServer();

  private String url(String key) {
    return "jdbc:sendpilot:baseUrl=" + Jdbc.baseUrl(server) + ";apiKey=" + key
        + ";requestsPerSecond=1000000000";
  }

  /** Paths and queries of the requests received so far, after the driver is idle. */
  private List<String> requests() throws InterruptedException {
    Requests.awaitDriverIdle();
    List<String> paths = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
      paths.add(r.getUrl().encodedPath() + "?" + r.getUrl().encodedQuery());
    }
    return paths;
  }

  @Test void aRejectedKeyFailsTheConnection() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 3));
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(url("sk_wrong_key")));
    assertEquals("28000", e.getSQLState());
    assertEquals("Cannot connect to SendPilot: SendPilot rejected the API key (HTTP 401 on GET"
        + " /v1/inbox/conversations?limit=1: Invalid API key). Create or copy a key in the"
        + " SendPilot dashboard under Integrations > API Keys, and set SENDPILOT_API_KEY or the"
        + " apiKey property.", e.getMessage());
    assertEquals(List.of(CHECK), requests());
  }

  @Test void anUnreachableHostFailsTheConnection() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:sendpilot:baseUrl=http://127.0.0.1:" + closedPort + ";apiKey=k;maxAttempts=1"));
    assertEquals("08006", e.getSQLState());
    assertTrue(e.getMessage().startsWith("Cannot connect to SendPilot: SendPilot API request GET"
        + " /v1/inbox/conversations?limit=1 failed: "), e.getMessage());
  }

  @Test void oneRequestProvesAKeyAndHostForManyConnections() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 3));
    List<Connection> pool = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        pool.add(DriverManager.getConnection(url(FakeInbox.KEY)));
      }
      assertEquals(List.of(CHECK), requests());
      for (Connection c : pool) {
        assertTrue(c.isValid(5));
      }
      assertEquals(List.of(), requests());
      assertEquals(List.of("3"), Jdbc.rows(pool.get(0), "select count(*) from conversations"));
      assertEquals(List.of("/v1/inbox/conversations?limit=100"), requests());
    } finally {
      for (Connection c : pool) {
        c.close();
      }
    }
  }

  @Test void aFailureIsNotRemembered() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401)
        .body("{\"statusCode\":401,\"message\":\"Invalid API key\"}").build());
    server.enqueue(new MockResponse.Builder()
        .body("{\"conversations\":[],\"pagination\":{\"hasMore\":false}}").build());
    assertEquals("28000", assertThrows(SQLException.class,
        () -> DriverManager.getConnection(url("sk_new_key"))).getSQLState());
    try (Connection c = DriverManager.getConnection(url("sk_new_key"))) {
      assertTrue(c.isValid(5));
    }
    assertEquals(List.of(CHECK, CHECK), requests());
  }

  @Test void isValidChecksEvenWhenConnectingDidNot() throws Exception {
    boolean[] keyRevoked = {true};
    FakeInbox inbox = FakeInbox.of("a", 3);
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        return keyRevoked[0] ? new MockResponse.Builder().code(403)
            .body("{\"statusCode\":403,\"message\":\"Forbidden\"}").build()
            : inbox.dispatch(request);
      }
    });
    try (Connection c = DriverManager.getConnection(url(FakeInbox.KEY)
        + ";validateOnConnect=false")) {
      assertEquals(List.of(), requests());
      assertFalse(c.isValid(5));
      assertFalse(c.isValid(5));
      assertEquals(List.of(CHECK, CHECK), requests());
      keyRevoked[0] = false;
      assertTrue(c.isValid(5));
      assertTrue(c.isValid(5));
      assertEquals(List.of(CHECK), requests());
    }
  }

  @Test void aClosedConnectionIsNotValid() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 3));
    Connection c = DriverManager.getConnection(url(FakeInbox.KEY) + ";validateOnConnect=false");
    c.close();
    assertFalse(c.isValid(5));
    assertEquals(List.of(), requests());
  }
}
