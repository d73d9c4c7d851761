package ai.sendpilot.sql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.LocalPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;

/**
 * README "Join with your CRM", followed literally: the example PostgreSQL CRM
 * ({@code examples/crm-postgres}) loaded into a real PostgreSQL, its JDBC driver copied into
 * {@code drivers/}, the example model pointed at it, then the README's join in
 * {@code ./sqlline}, in {@code ./sendpilot-server} and in a JDBC tool. The example CRM holds
 * the demo's CRM, so each answer equals the same join over the demo's built-in {@code crm}.
 */
class CrmRecipeTest {
  /** README: "Who is waiting for an answer, with their CRM contact and company". */
  static final String JOIN = "select p.name, k.email, co.name as company, c.last_activity_at"
      + " from conversations c"
      + " join participants p on p.conversation_id = c.id and p.account_id = c.account_id"
      + " join crm.contacts k on k.profile_url = p.profile_url"
      + " join crm.companies co on co.company_id = k.company_id"
      + " where c.account_id = 'acc_na_01' and c.unread_count > 0"
      + " order by c.last_activity_at desc, p.name limit 20";
  @TempDir static Path home;
  private static LocalPostgres postgres;
  private static StagedLaunchers launchers;
  private static List<List<String>> expected;

  @BeforeAll static void followTheRecipe() throws Exception {
    launchers = StagedLaunchers.stage(home);
    postgres = LocalPostgres.start();
    Path repo = Path.of(System.getProperty("user.dir"));
    // createdb crm; psql -d crm -f examples/crm-postgres/crm.sql; the reporting role.
    try (Connection pg = DriverManager.getConnection(postgres.jdbcUrl("postgres"));
         Statement s = pg.createStatement()) {
      s.execute("create database crm");
    }
    try (Connection pg = DriverManager.getConnection(postgres.jdbcUrl("crm"));
         Statement s = pg.createStatement()) {
      s.execute(Files.readString(repo.resolve("examples/crm-postgres/crm.sql")));
      s.execute(Files.readString(repo.resolve("examples/crm-postgres/reporting-role.sql")));
    }
    // mvn dependency:copy ... -DoutputDirectory=drivers, or copy the jar there.
    Path driverJar = Path.of(Driver.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    Files.copy(driverJar, launchers.drivers().resolve(driverJar.getFileName()));
    // The example model, with the database's host and port.
    String model = Files.readString(repo.resolve("examples/crm-postgres/crm-model.json"))
        .replace("jdbc:postgresql://localhost:5432/crm", "jdbc:postgresql://127.0.0.1:"
            + URI.create(postgres.jdbcUrl("crm").substring(5)).getPort() + "/crm");
    Files.writeString(home.resolve("crm-model.json"), model);
    try (Connection demo = DriverManager.getConnection("jdbc:sendpilot:demo=true")) {
      expected = rows(demo, JOIN);
    }
    assertEquals(20, expected.size(), "the demo's own crm answers the join");
  }

  @AfterAll static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  /**
   * The rows, a timestamp as sqlline writes it ({@link java.sql.Timestamp#toString}): through
   * Avatica's remote client, {@code getString} of a timestamp has as many fraction digits as the
   * server's JDBC precision (23) says, which is the team server's to fix.
   */
  private static List<List<String>> rows(Connection c, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getMetaData().getColumnType(i) == Types.TIMESTAMP
              ? rs.getTimestamp(i).toString() : rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test void theJoinInSqlline() throws Exception {
    StagedLaunchers.Run r = launchers.run(Map.of(), "sqlline",
        "-u", "jdbc:sendpilot:demo=true;model=crm-model.json", "--outputformat=csv", "-e", JOIN);
    assertEquals(0, r.exitCode(), r.err());
    List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().build()
        .parse(new StringReader(r.out())).getRecords();
    List<List<String>> rows = records.stream().map(CSVRecord::toList).toList();
    assertEquals(expected, rows);
    assertEquals(List.of("Warning: The model's schema 'crm' is kept; the demo's crm schema"
        + " (companies, contacts) is not added (state=01000,code=0)"),
        r.err().strip().lines().toList(), "one line, no stack trace, no log line");
  }

  @Test void theJoinThroughTheTeamServer() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process server = launchers.start(Map.of(), "sendpilot-server", "--no-auth", "--port",
        Integer.toString(port), "--model", "crm-model.json");
    try {
      awaitHealthy(server, port);
      Properties info = new Properties();
      try (Connection c = DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:"
          + port + ";serialization=protobuf", info)) {
        assertEquals(expected, rows(c, JOIN));
      }
    } finally {
      server.destroy();
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stops");
    }
  }

  /** Waits until the server answers {@code /health}, or fails with what it printed. */
  private static void awaitHealthy(Process server, int port) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/health")).timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      assertTrue(server.isAlive(), () -> "the server ended: " + printed());
      try {
        if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      server.waitFor(200, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("the server did not answer /health: " + printed());
  }

  private static String printed() {
    try {
      return launchers.read("err.txt");
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** A JDBC tool (DBeaver, say) with the driver, PostgreSQL's jar and the model's folder. */
  @Test void theJoinInAJdbcTool() throws Exception {
    Path repo = Path.of(System.getProperty("user.dir"));
    String classPath = String.join(":", repo.resolve("target/classes").toString(),
        Files.readString(repo.resolve("target/runtime-classpath.txt")).strip(),
        launchers.drivers().resolve(Files.list(launchers.drivers()).findFirst().orElseThrow()
            .getFileName()).toString(),
        repo.resolve("target/test-classes").toString());
    Process tool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-D" + "sendpilot.allowFilesUnder=" + home, StagedLaunchers.TEST_ANCHOR,
        "-cp", classPath, JdbcClientMain.class.getName(),
        "jdbc:sendpilot:demo=true;model=" + home.resolve("crm-model.json"), JOIN)
        .redirectError(home.resolve("tool-err.txt").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    String out = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(tool.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, tool.exitValue(), launchers.read("tool-err.txt"));
    assertEquals(expected.stream().map(row -> String.join("\t", row)).toList(),
        out.lines().toList());
  }
}
