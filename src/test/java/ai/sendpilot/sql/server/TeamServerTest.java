package ai.sendpilot.sql.server;

import static ai.sendpilot.sql.server.TestServers.ALICE;
import static ai.sendpilot.sql.server.TestServers.ALICE_PASSWORD;
import static ai.sendpilot.sql.server.TestServers.BOB;
import static ai.sendpilot.sql.server.TestServers.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The team server end to end: remote clients over HTTP, a simulator behind it. */
class TeamServerTest {
  private static final String COUNT_PER_ACCOUNT = "select account_id, count(*) from conversations"
      + " group by account_id order by account_id";

  @TempDir Path dir;
  private InboxSimulator sim;

  @BeforeEach void startSimulator() {
    sim = new InboxSimulator(SimulatorConfig.builder().seed(9).conversations(800)
        .apiKey("sim-secret-key-4711").build()).start();
  }

  @AfterEach void stopSimulator() {
    sim.close();
  }

  private List<String> embedded(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sendpilot:baseUrl=" + sim.baseUrl()
        + ";apiKey=" + sim.apiKey())) {
      return Jdbc.rows(c, sql);
    }
  }

  @Test void remoteResultsEqualTheEmbeddedDriversAndConnectionsShareOnePageCache()
      throws Exception {
    List<String> expected = embedded(COUNT_PER_ACCOUNT);
    try (TeamServer server = TestServers.startOpen(sim)) {
      long before = sim.requestCount();
      try (Connection first = TestServers.remote(server)) {
        assertEquals(expected, Jdbc.rows(first, COUNT_PER_ACCOUNT));
      }
      long oneScan = sim.requestCount() - before;
      assertEquals(8, oneScan, "800 conversations in pages of 100");
      try (Connection second = TestServers.remote(server);
           Connection third = TestServers.remote(server)) {
        assertEquals(expected, Jdbc.rows(second, COUNT_PER_ACCOUNT));
        assertEquals(expected, Jdbc.rows(third, COUNT_PER_ACCOUNT));
      }
      assertEquals(oneScan, sim.requestCount() - before, "later sessions read the cached pages");
      String metrics = get(server, "/metrics", null).body();
      assertTrue(metrics.contains("\"queriesServed\":3"), metrics);
      assertTrue(metrics.contains("\"apiRequests\":8"), metrics);
      assertTrue(metrics.contains("\"pageCacheHits\":16"), metrics);
    }
  }

  @Test void preparedStatementsRunWithTheirParameters() throws Exception {
    try (TeamServer server = TestServers.startOpen(sim);
         Connection c = TestServers.remote(server);
         var ps = c.prepareStatement(
             "select count(*) from conversations where account_id = ?")) {
      for (String account : List.of("acc_emea_01", "acc_na_01")) {
        ps.setString(1, account);
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(embedded("select count(*) from conversations where account_id = '"
              + account + "'"), Jdbc.rows(rs));
        }
      }
    }
  }

  @Test void timesReadAsStringsLookAsTheEmbeddedDriversDo() throws Exception {
    String sql = "select last_activity_at, timestamp '2026-01-02 03:04:05.120',"
        + " timestamp '2026-01-02 03:04:05', time '10:11:12.345', cast(last_activity_at as date)"
        + " from conversations order by id limit 3";
    try (TeamServer server = TestServers.startOpen(sim);
         Connection c = TestServers.remote(server)) {
      List<String> remote = Jdbc.rows(c, sql);
      assertEquals(embedded(sql), remote);
      assertTrue(remote.get(0).contains("2026-01-02 03:04:05.120"), remote.get(0));
    }
  }

  @Test void aWrongPasswordGets401AndNothingElse() throws Exception {
    try (TeamServer server = TestServers.start(sim, Auth.BASIC,
        TestServers.usersFile(dir), null, null, TestServers.generousLimits())) {
      for (String login : new String[] {ALICE + ":nope", "mallory:" + ALICE_PASSWORD, null}) {
        HttpResponse<String> response = post(server, login);
        assertEquals(401, response.statusCode(), login);
        assertEquals("", response.body(), login);
        assertFalse(response.headers().firstValue("Server").isPresent(), login);
      }
      // Avatica's client reports failures of connect unchecked; the server's answer is clear.
      Exception e = assertThrows(RuntimeException.class,
          () -> TestServers.remote(server, ALICE, "nope"));
      assertTrue(String.valueOf(e.getMessage())
          .contains("Wrong user name or password for the SendPilot server"), e.getMessage());
      try (Connection c = TestServers.remote(server, ALICE, ALICE_PASSWORD)) {
        assertEquals(embedded(COUNT_PER_ACCOUNT), Jdbc.rows(c, COUNT_PER_ACCOUNT));
      }
    }
  }

  @Test void digestAuthenticationWorksToo() throws Exception {
    try (TeamServer server = TestServers.start(sim, Auth.DIGEST,
        TestServers.usersFile(dir), null, null, TestServers.generousLimits());
         Connection c = DriverManager.getConnection(
             TestServers.url(server, BOB, BOB_PASSWORD).replace("=BASIC", "=DIGEST"))) {
      assertEquals(List.of("800"), Jdbc.rows(c, "select count(*) from conversations"));
    }
  }

  @Test void healthIsOpenToAllMetricsNeedALogin() throws Exception {
    try (TeamServer server = TestServers.start(sim, Auth.BASIC,
        TestServers.usersFile(dir), null, null, TestServers.generousLimits())) {
      HttpResponse<String> health = get(server, "/health", null);
      assertEquals(200, health.statusCode());
      assertEquals("{\"status\":\"ok\"}", health.body());
      assertEquals(401, get(server, "/metrics", null).statusCode());
      HttpResponse<String> metrics = get(server, "/metrics", BOB + ":" + BOB_PASSWORD);
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.body().contains("\"queriesServed\":0"), metrics.body());
    }
  }

  @Test void clientsCannotChooseTheConnectionSettingsAndNeverSeeTheKey() throws Exception {
    Path model = dir.resolve("evil.json");
    Files.writeString(model, "{\"version\": \"1.0\", \"schemas\": [{\"name\": \"evil\","
        + " \"type\": \"map\"}]}");
    Properties props = new Properties();
    props.setProperty("baseUrl", "http://127.0.0.1:9");
    props.setProperty("apiKey", "client-chosen-key");
    props.setProperty("apiKeyFile", model.toString());
    props.setProperty("demo", "true");
    props.setProperty("model", model.toString());
    props.setProperty("schemaFactory", "org.apache.calcite.adapter.java.ReflectiveSchema$Factory");
    props.setProperty("user", "someone");
    props.setProperty("password", "client-password");
    try (TeamServer server = TestServers.startOpen(sim);
         Connection c = DriverManager.getConnection(TestServers.url(server, null, null),
             props)) {
      assertEquals(List.of("800"), Jdbc.rows(c, "select count(*) from conversations"));
      DatabaseMetaData md = c.getMetaData();
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertFalse(schemas.contains("evil"), schemas.toString());
      assertFalse(schemas.contains("crm"), "demo=true was not honoured: " + schemas);
      List<String> seen = new ArrayList<>(List.of(String.valueOf(md.getURL()),
          String.valueOf(md.getUserName()), md.getDatabaseProductName(),
          md.getDatabaseProductVersion(), String.valueOf(c.getClientInfo()),
          get(server, "/metrics", null).body()));
      SQLException failed = assertThrows(SQLException.class,
          () -> Jdbc.rows(c, "select * from no_such_table"));
      seen.add(failed.toString());
      for (String text : seen) {
        assertFalse(text.contains(sim.apiKey()), text);
      }
    }
  }

  @Test void connectionsPerUserAreLimited() throws Exception {
    try (TeamServer server = TestServers.start(sim, Auth.BASIC, TestServers.usersFile(dir),
        null, null, TestServers.limits(2, 10, Duration.ofMinutes(5)))) {
      Connection first = TestServers.remote(server, ALICE, ALICE_PASSWORD);
      try (Connection second = TestServers.remote(server, ALICE, ALICE_PASSWORD)) {
        Exception e = assertThrows(RuntimeException.class,
            () -> TestServers.remote(server, ALICE, ALICE_PASSWORD));
        assertTrue(e.getMessage().contains("User alice already has 2 connections open"),
            e.getMessage());
        try (Connection bobs = TestServers.remote(server, BOB, BOB_PASSWORD)) {
          assertEquals(List.of("800"), Jdbc.rows(bobs, "select count(*) from conversations"));
        }
        first.close();
        try (Connection again = TestServers.remote(server, ALICE, ALICE_PASSWORD)) {
          assertEquals(List.of("800"), Jdbc.rows(again, "select count(*) from conversations"));
        }
        assertEquals(List.of("800"), Jdbc.rows(second, "select count(*) from conversations"));
      }
    }
  }

  @Test void statementsPerConnectionAreLimited() throws Exception {
    try (TeamServer server = TestServers.start(sim, Auth.NONE, null, null, null,
        TestServers.limits(5, 2, Duration.ofMinutes(5)));
         Connection c = TestServers.remote(server)) {
      Statement one = c.createStatement();
      one.executeQuery("select 1").close();
      try (Statement two = c.createStatement()) {
        two.executeQuery("select 2").close();
        SQLException e = assertThrows(SQLException.class,
            () -> c.createStatement().executeQuery("select 3"));
        assertEquals("HY014", e.getSQLState());
        assertTrue(e.getMessage().contains("already has 2 statements open"), e.getMessage());
        SQLException prepared = assertThrows(SQLException.class,
            () -> c.prepareStatement("select 3"));
        assertEquals("HY014", prepared.getSQLState());
        one.close();
        try (Statement three = c.createStatement(); ResultSet rs = three.executeQuery("select 3")) {
          assertTrue(rs.next());
          assertEquals(3, rs.getInt(1));
        }
      }
    }
  }

  @Test void idleConnectionsAreClosed() throws Exception {
    try (TeamServer server = TestServers.start(sim, Auth.NONE, null, null, null,
        TestServers.limits(5, 10, Duration.ofSeconds(1)))) {
      Connection idle = TestServers.remote(server);
      assertEquals(List.of("1"), Jdbc.rows(idle, "select 1"));
      assertTrue(get(server, "/metrics", null).body().contains("\"connectionsOpen\":1"));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!get(server, "/metrics", null).body().contains("\"connectionsOpen\":0")
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertTrue(get(server, "/metrics", null).body().contains("\"connectionsOpen\":0"));
      AvaticaClientRuntimeException e = assertThrows(AvaticaClientRuntimeException.class,
          () -> Jdbc.rows(idle, "select 1"));
      assertEquals(ErrorResponse.MISSING_CONNECTION_ERROR_CODE, e.getErrorCode());
    }
  }

  @Test void theModelsSchemasSitBesideTheInbox() throws Exception {
    Path model = dir.resolve("crm.json");
    Files.writeString(model, "{\"version\": \"1.0\", \"schemas\": [{\"name\": \"crm\","
        + " \"type\": \"map\", \"tables\": [{\"name\": \"owners\", \"type\": \"view\","
        + " \"sql\": \"select * from (values ('acc_na_01', 'Nora'))"
        + " as t(account_id, owner)\"}]}]}");
    try (TeamServer server = TestServers.start(sim, Auth.NONE, null, null, model,
        TestServers.generousLimits());
         Connection c = TestServers.remote(server)) {
      assertEquals(List.of("Nora; 200"), Jdbc.rows(c, "select o.owner, count(*)"
          + " from conversations c join crm.owners o on o.account_id = c.account_id"
          + " where c.account_id = 'acc_na_01' group by o.owner"));
    }
  }

  @Test void theSessionsUserIsTheHttpLogin() throws Exception {
    try (TeamServer server = TestServers.start(sim, Auth.BASIC, TestServers.usersFile(dir),
        null, null, TestServers.limits(1, 10, Duration.ofMinutes(5)));
         Connection alices = TestServers.remote(server, ALICE, ALICE_PASSWORD)) {
      Properties claimsToBeBob = new Properties();
      claimsToBeBob.setProperty("user", BOB);
      assertThrows(RuntimeException.class, () -> DriverManager.getConnection(
          TestServers.url(server, ALICE, ALICE_PASSWORD), claimsToBeBob));
      assertNull(alices.getWarnings());
    }
  }

  @Test void aTakenPortIsAClearError() throws Exception {
    try (TeamServer first = TestServers.startOpen(sim)) {
      ServerConfig same = new ServerConfig(InetAddress.getLoopbackAddress(), first.port(),
          Auth.NONE, null, null, null, Map.of("baseUrl", sim.baseUrl()),
          TestServers.generousLimits(), RequestLimits.defaults());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TeamServer.start(same, Map.of("SENDPILOT_API_KEY", sim.apiKey())));
      assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + first.port()),
          e.getMessage());
    }
  }

  private static HttpResponse<String> get(TeamServer server, String path, String login)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
    if (login != null) {
      request.header("Authorization", basic(login));
    }
    return HttpClient.newHttpClient().send(request.build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> post(TeamServer server, String login) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}));
    if (login != null) {
      request.header("Authorization", basic(login));
    }
    return HttpClient.newHttpClient().send(request.build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String basic(String login) {
    return "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
  }
}
