package ai.sendpilot.sql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.Jdbc;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The team server with its PostgreSQL endpoint: same users, schema, page cache and metrics. */
class TeamServerPgTest {
  private static final String PER_ACCOUNT = "select account_id, count(*) from conversations"
      + " group by account_id order by account_id";

  @TempDir Path dir;

  @Test void postgresClientsShareTheServersUsersSchemaAndMetrics() throws Exception {
    try (InboxSimulator sim = new InboxSimulator(SimulatorConfig.builder().seed(9)
            .conversations(800).apiKey("sim-secret-key-4711").build()).start()) {
      ServerConfig config = new ServerConfig(InetAddress.getLoopbackAddress(), 0, Auth.BASIC,
          TestServers.usersFile(dir), null, null, Map.of("baseUrl", sim.baseUrl()),
          TestServers.generousLimits(), RequestLimits.defaults());
      try (TeamServer server = TeamServer.start(config, new PgListen(0, 5),
          Map.of("SENDPILOT_API_KEY", sim.apiKey()))) {
        assertTrue(server.pgPort() > 0);
        String url = "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/sendpilot";
        long before = sim.requestCount();
        try (Connection avatica = TestServers.remote(server, TestServers.ALICE,
                TestServers.ALICE_PASSWORD);
             Connection pg = DriverManager.getConnection(url, login(TestServers.ALICE,
                 TestServers.ALICE_PASSWORD))) {
          assertEquals(Jdbc.rows(avatica, PER_ACCOUNT), Jdbc.rows(pg, PER_ACCOUNT));
        }
        assertEquals(8, sim.requestCount() - before, "the second endpoint read cached pages");
        SQLException wrong = assertThrows(SQLException.class,
            () -> DriverManager.getConnection(url, login(TestServers.BOB, "not-bobs")));
        assertEquals("28P01", wrong.getSQLState());
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(server.url() + "/metrics")).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((TestServers.ALICE + ":"
                    + TestServers.ALICE_PASSWORD).getBytes())).build(),
            HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().contains("\"queriesServed\":2"), metrics.body());
      }
    }
  }

  private static Properties login(String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return properties;
  }

  @Test void pgPortDefaultsTo5433AndZeroTurnsTheEndpointOff() {
    ServerOptions defaults = new ServerOptions();
    new CommandLine(defaults).parseArgs("--no-auth");
    assertEquals(new PgListen(5433, 200), defaults.pgListen());
    ServerOptions off = new ServerOptions();
    new CommandLine(off).parseArgs("--no-auth", "--pg-port", "0");
    assertNull(off.pgListen());
    ServerOptions bad = new ServerOptions();
    new CommandLine(bad).parseArgs("--no-auth", "--pg-port", "70000");
    assertThrows(IllegalArgumentException.class, bad::pgListen);
  }
}
