package ai.sendpilot.sql.server;

import static ai.sendpilot.sql.server.TestServers.ALICE;
import static ai.sendpilot.sql.server.TestServers.ALICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.Jdbc;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query on the server ends, and sends the API no further request than the one in flight, when
 * it passes the server's query timeout, when its client disconnects, and when its session
 * expires. The API answers slowly, so that a full scan would take many seconds.
 */
class QueryBoundsTest {
  private static final String FULL_SCAN = "select count(*) from conversations";
  private static final Duration SLOW_PAGE = Duration.ofMillis(300);

  @TempDir Path dir;
  private InboxSimulator sim;

  @BeforeEach void startSimulator() {
    sim = new InboxSimulator(SimulatorConfig.builder().seed(9).conversations(4000)
        .latency(SLOW_PAGE).build()).start();
  }

  @AfterEach void stopSimulator() {
    sim.close();
  }

  private TeamServer server(Duration idle, Duration queryTimeout) throws SQLException {
    try {
      return TestServers.start(sim, Auth.BASIC, TestServers.usersFile(dir), null, null,
          TestServers.limits(5, 10, idle), new RequestLimits(1 << 20, Duration.ofSeconds(30),
              64, queryTimeout), "maxConcurrentRequests=1", "pageCacheTtlMs=0");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test void aQueryPastTheTimeoutEndsWith57014() throws Exception {
    try (TeamServer server = server(Duration.ofMinutes(5), Duration.ofSeconds(1));
         Connection c = TestServers.remote(server, ALICE, ALICE_PASSWORD)) {
      String marker = "/* timeout-" + UUID.randomUUID() + " */";
      long started = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> Jdbc.rows(c, FULL_SCAN + marker));
      long atFailure = sim.requestCount();
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5,
          "the timeout did not end the query");
      ServerLog.await(Duration.ofSeconds(30), "query user=alice", "failed sqlState=57014",
          marker);
      assertTrue(sim.requestCount() - atFailure <= 1, "requests after the timeout");
      assertEquals(List.of("1"), Jdbc.rows(c, "select 1"), "the connection goes on");
    }
  }

  @Test void aQueryWhoseClientDisconnectsStops() throws Exception {
    try (TeamServer server = server(Duration.ofMinutes(5), Duration.ofMinutes(5))) {
      String connection = UUID.randomUUID().toString();
      int statement = openStatement(server, connection);
      long before = sim.requestCount();
      try (Socket socket = sendPrepareAndExecute(server, connection, statement)) {
        awaitRequestsAfter(before);
      }
      long atClose = sim.requestCount();
      ServerLog.await(Duration.ofSeconds(30), "client gone user=alice connection=" + connection,
          "query cancelled");
      ServerLog.await(Duration.ofSeconds(30), "query user=alice connection=" + connection,
          "failed");
      assertTrue(sim.requestCount() - atClose <= 2, "requests after the disconnect: "
          + (sim.requestCount() - atClose));
    }
  }

  @Test void aQueryWhoseSessionExpiresStops() throws Exception {
    try (TeamServer server = server(Duration.ofSeconds(1), Duration.ofMinutes(5))) {
      String connection = UUID.randomUUID().toString();
      int statement = openStatement(server, connection);
      long before = sim.requestCount();
      try (Socket socket = sendPrepareAndExecute(server, connection, statement)) {
        awaitRequestsAfter(before);
        ServerLog.await(Duration.ofSeconds(30), "statement expired");
        String failed = ServerLog.await(Duration.ofSeconds(30),
            "query user=alice connection=" + connection, "failed");
        long atEnd = sim.requestCount();
        assertTrue(failed.contains("sqlState=HY008"), failed);
        assertTrue(atEnd - before < 4000 / 100, "the whole scan ran");
      }
    }
  }

  private int openStatement(TeamServer server, String connection) throws Exception {
    AvaticaWire alice = new AvaticaWire(server, ALICE, ALICE_PASSWORD);
    alice.call(new Service.OpenConnectionRequest(connection, Map.of()));
    return ((Service.CreateStatementResponse) alice.call(
        new Service.CreateStatementRequest(connection))).statementId;
  }

  /** Sends the full scan on a socket of its own and returns it without reading the answer. */
  private static Socket sendPrepareAndExecute(TeamServer server, String connection,
      int statement) throws Exception {
    byte[] body = new ProtobufTranslationImpl().serializeRequest(
        new Service.PrepareAndExecuteRequest(connection, statement, FULL_SCAN, -1, 100));
    Socket socket = new RawHttp(server.url(), null).open();
    socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: x\r\nAuthorization: "
        + RawHttp.basic(ALICE, ALICE_PASSWORD) + "\r\nContent-Type: application/octet-stream"
        + "\r\nContent-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().write(body);
    socket.getOutputStream().flush();
    return socket;
  }

  private void awaitRequestsAfter(long before) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (sim.requestCount() <= before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(sim.requestCount() > before, "the scan did not start");
  }
}
