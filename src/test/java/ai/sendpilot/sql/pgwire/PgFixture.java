package ai.sendpilot.sql.pgwire;

import ai.sendpilot.sql.adapter.SendPilotSchemas;
import ai.sendpilot.sql.adapter.SendPilotSettings;
import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.jdbc.SharedSchemaConnections;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulator, the schema over it, and a PostgreSQL endpoint serving it on loopback, for tests;
 * rows read in a form both drivers agree on.
 */
final class PgFixture implements AutoCloseable {
  static final String ALICE = "alice";
  static final String ALICE_PASSWORD = "wonder-land 7";
  static final String BOB = "bob";
  static final String BOB_PASSWORD = "builder";
  static final String HASHED = "carol";

  final InboxSimulator sim;
  final SendPilotSchemas schemas;
  final PgServer server;
  final AtomicInteger served;
  final AtomicInteger failed;

  private PgFixture(InboxSimulator sim, SendPilotSchemas schemas, PgServer server,
      AtomicInteger served, AtomicInteger failed) {
    this.sim = sim;
    this.schemas = schemas;
    this.server = server;
    this.served = served;
    this.failed = failed;
  }

  /** The usual limits: 10 sessions a user, 50 in all, 100 statements, 10 minutes idle. */
  static PgEndpointConfig config(Path usersFile, Path keystore, String password) {
    return new PgEndpointConfig(InetAddress.getLoopbackAddress(), 0, usersFile, keystore,
        password, 10, 50, 100, Duration.ofMinutes(10), Duration.ofSeconds(30),
        PgEndpointConfig.DEFAULT_MAX_MESSAGE_BYTES);
  }

  static PgFixture start(PgEndpointConfig config) {
    return start(config, SimulatorConfig.builder().seed(9).conversations(800)
        .apiKey("sim-secret-key-4711"));
  }

  static PgFixture start(PgEndpointConfig config, SimulatorConfig.Builder simulator) {
    InboxSimulator sim = new InboxSimulator(simulator.apiKey("sim-secret-key-4711").build())
        .start();
    SendPilotSchemas schemas = SendPilotSchemas.create(SendPilotSettings.from(
        Map.of("baseUrl", sim.baseUrl(), "apiKey", sim.apiKey()), Map.of()));
    SharedSchemaConnections connections = new SharedSchemaConnections(schemas);
    AtomicInteger served = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    PgServer server = PgServer.start(config, user -> connections.connect(new Properties()),
        new PgEvents(ms -> served.incrementAndGet(), failed::incrementAndGet, () -> { },
            () -> { }));
    return new PgFixture(sim, schemas, server, served, failed);
  }

  /** alice and bob in plain text, carol with a Jetty MD5 hash. */
  static Path usersFile(Path dir) throws IOException {
    Path users = dir.resolve("users.properties");
    Files.writeString(users, "# user: password\n" + ALICE + ": " + ALICE_PASSWORD + "\n"
        + BOB + ": " + BOB_PASSWORD + "\n"
        + HASHED + ": MD5:164c88b302622e17050af52c89945d44\n", StandardCharsets.UTF_8);
    return users;
  }

  String url(String extra) {
    return "jdbc:postgresql://127.0.0.1:" + server.port() + "/sendpilot"
        + (extra.isEmpty() ? "" : "?" + extra);
  }

  Connection pg(String user, String password, String extra) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(url(extra), properties);
  }

  Connection alice() throws SQLException {
    return pg(ALICE, ALICE_PASSWORD, "");
  }

  /** The embedded driver over the same simulator. */
  Connection embedded() throws SQLException {
    return DriverManager.getConnection("jdbc:sendpilot:baseUrl=" + sim.baseUrl() + ";apiKey="
        + sim.apiKey());
  }

  List<String> embeddedRows(String sql) throws SQLException {
    try (Connection c = embedded()) {
      return rows(c, sql);
    }
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  /** Each row as its values joined by "; ": numbers without trailing zeros, timestamps ISO. */
  static List<String> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> rows = new ArrayList<>();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.append(i == 1 ? "" : "; ").append(normal(rs.getObject(i)));
      }
      rows.add(row.toString());
    }
    return rows;
  }

  static String normal(Object value) {
    if (value instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    return String.valueOf(value);
  }

  @Override public void close() {
    server.close();
    schemas.close();
    sim.close();
  }
}
