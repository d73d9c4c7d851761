package ai.sendpilot.sql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real PostgreSQL clients against the endpoint, each answer compared with the embedded
 * driver's: psql (libpq), psycopg2 and node-postgres. {@code .ci/run} installs them; a missing
 * client fails the test, saying so.
 */
class PgClientsTest {
  private static final String PER_ACCOUNT = "select account_id, count(*) as n"
      + " from sendpilot.conversations group by account_id order by account_id";
  private static final String ONE_ACCOUNT = "select id, account_id from"
      + " sendpilot.conversations where account_id = 'acc_na_01' order by id limit 5";
  private static final String KEYSTORE_PASSWORD = "keystore-pw-1";

  @TempDir static Path dir;
  private static PgFixture fixture;

  @BeforeAll static void start() throws Exception {
    fixture = PgFixture.start(PgFixture.config(PgFixture.usersFile(dir), null, null));
  }

  @AfterAll static void stop() {
    fixture.close();
  }

  private static List<String> expected(String sql) throws Exception {
    return fixture.embeddedRows(sql).stream().map(r -> r.replace("; ", "|")).toList();
  }

  private static Map<String, String> env(PgFixture f) {
    Map<String, String> env = new HashMap<>();
    env.put("PGHOST", "127.0.0.1");
    env.put("PGPORT", String.valueOf(f.server.port()));
    env.put("PGUSER", PgFixture.ALICE);
    env.put("PGPASSWORD", PgFixture.ALICE_PASSWORD);
    env.put("PGDATABASE", "sendpilot");
    return env;
  }

  static List<String> run(Map<String, String> env, String... command) throws Exception {
    if (!Files.isExecutable(Path.of(command[0]))) {
      throw new AssertionError(command[0] + " is missing: .ci/run installs it (Debian's"
          + " postgresql, python3-psycopg2, nodejs, npm)");
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "still running: " + command[0]);
    String text = new String(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), Arrays.toString(command) + " failed:\n" + text);
    List<String> lines = new ArrayList<>(text.lines().toList());
    lines.removeIf(String::isBlank);
    return lines;
  }

  @Test void psqlQueriesAndDescribesItsConnection() throws Exception {
    assertEquals(expected(PER_ACCOUNT), run(env(fixture), "/usr/bin/psql", "-X", "-A", "-t",
        "-v", "ON_ERROR_STOP=1", "-c", PER_ACCOUNT));
    assertEquals(expected(ONE_ACCOUNT), run(env(fixture), "/usr/bin/psql", "-X", "-A", "-t",
        "-v", "ON_ERROR_STOP=1", "-c", ONE_ACCOUNT));
    List<String> conninfo = run(env(fixture), "/usr/bin/psql", "-X", "-c", "\\conninfo");
    assertEquals(List.of("You are connected to database \"sendpilot\" as user \"alice\" on host"
        + " \"127.0.0.1\" at port \"" + fixture.server.port() + "\"."), conninfo);
  }

  @Test void psqlCopiesAQueryToACsvFile() throws Exception {
    Path csv = dir.resolve("accounts.csv");
    run(env(fixture), "/usr/bin/psql", "-X", "-v", "ON_ERROR_STOP=1", "-c",
        "\\copy (" + PER_ACCOUNT + ") to '" + csv + "' csv header");
    List<String> want = new ArrayList<>(List.of("account_id,n"));
    want.addAll(fixture.embeddedRows(PER_ACCOUNT).stream().map(r -> r.replace("; ", ","))
        .toList());
    assertEquals(want, Files.readAllLines(csv));
  }

  @Test void ctrlCInPsqlCancelsTheRunningQuery() throws Exception {
    try (PgFixture slow = PgFixture.start(PgFixture.config(PgFixture.usersFile(dir), null, null),
        SimulatorConfig.builder().seed(3).conversations(5000).latency(Duration.ofMillis(300)))) {
      ProcessBuilder builder = new ProcessBuilder("/usr/bin/psql", "-X", "-c",
          "select count(*) from sendpilot.conversations").redirectErrorStream(true);
      builder.environment().putAll(env(slow));
      Process psql = builder.start();
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (slow.sim.requestCount() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(psql.pid())).start();
      assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
      String text = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(psql.waitFor(30, TimeUnit.SECONDS));
      assertEquals(1, psql.exitValue(), text);
      assertTrue(text.contains("ERROR:") && text.contains("cancel"), text);
      assertEquals(1, slow.failed.get(), "the query failed as cancelled");
    }
  }

  @Test void psqlWithAWrongPasswordIsRefused() throws Exception {
    Map<String, String> env = env(fixture);
    env.put("PGPASSWORD", "wrong");
    ProcessBuilder builder = new ProcessBuilder("/usr/bin/psql", "-X", "-c", "select 1")
        .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue(), text);
    assertTrue(text.contains("password authentication failed for user \"alice\""), text);
  }

  @Test void psqlRequiresTlsWhenTheServerHasAKeystore() throws Exception {
    Path keystore = keystore(dir);
    try (PgFixture tls = PgFixture.start(PgFixture.config(PgFixture.usersFile(dir), keystore,
        KEYSTORE_PASSWORD))) {
      Map<String, String> env = env(tls);
      env.put("PGSSLMODE", "require");
      List<String> conninfo = run(env, "/usr/bin/psql", "-X", "-c", "\\conninfo");
      assertTrue(conninfo.stream().anyMatch(l -> l.startsWith("SSL connection (protocol: TLS")),
          conninfo.toString());
      assertEquals(expected(PER_ACCOUNT), run(env, "/usr/bin/psql", "-X", "-A", "-t", "-c",
          PER_ACCOUNT));
      try (var c = tls.pg(PgFixture.ALICE, PgFixture.ALICE_PASSWORD,
          "sslmode=require&sslfactory=org.postgresql.ssl.NonValidatingFactory")) {
        assertEquals(fixture.embeddedRows(PER_ACCOUNT), PgFixture.rows(c, PER_ACCOUNT));
      }
    }
  }

  static Path keystore(Path dir) throws IOException, InterruptedException {
    Path keystore = dir.resolve("server.p12");
    if (Files.exists(keystore)) {
      return keystore;
    }
    Process keytool = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD)
        .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.txt").toFile()).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, keytool.exitValue(), Files.readString(dir.resolve("keytool.txt")));
    return keystore;
  }

  @Test void psycopg2RunsQueriesWithParameters() throws Exception {
    String script = String.join("\n",
        "import os, psycopg2",
        "conn = psycopg2.connect('')",
        "cur = conn.cursor()",
        "cur.execute(os.environ['SQL_ONE'])",
        "for row in cur.fetchall(): print('|'.join(str(v) for v in row))",
        "cur.execute(\"select id, account_id from sendpilot.conversations"
            + " where account_id = %s order by id limit %s\", ('acc_na_01', 5))",
        "for row in cur.fetchall(): print('|'.join(str(v) for v in row))",
        "import pandas, warnings",
        "warnings.simplefilter('ignore')",
        "frame = pandas.read_sql(os.environ['SQL_ONE'], conn)",
        "for row in frame.itertuples(index=False): print('|'.join(str(v) for v in row))",
        "conn.rollback()",
        "conn.close()");
    Map<String, String> env = env(fixture);
    env.put("SQL_ONE", PER_ACCOUNT);
    List<String> want = new ArrayList<>(expected(PER_ACCOUNT));
    want.addAll(expected(ONE_ACCOUNT));
    want.addAll(expected(PER_ACCOUNT));
    assertEquals(want, run(env, "/usr/bin/python3", "-c", script));
  }

  @Test void nodePostgresRunsQueriesWithParameters() throws Exception {
    Path modules = Path.of("target", "node-pg", "node_modules");
    if (!Files.isDirectory(modules.resolve("pg"))) {
      run(Map.of(), "/usr/bin/npm", "install", "--no-audit", "--no-fund", "--silent",
          "--prefix", Path.of("target", "node-pg").toAbsolutePath().toString(), "pg@8");
    }
    String script = String.join("\n",
        "const { Client } = require('pg');",
        "(async () => {",
        "  const client = new Client();",
        "  await client.connect();",
        "  const all = await client.query({ text: process.env.SQL_ONE, rowMode: 'array' });",
        "  for (const row of all.rows) console.log(row.join('|'));",
        "  const one = await client.query({ text: 'select id, account_id from"
            + " sendpilot.conversations where account_id = $1 order by id limit $2',"
            + " values: ['acc_na_01', 5], rowMode: 'array' });",
        "  for (const row of one.rows) console.log(row.join('|'));",
        "  await client.end();",
        "})().catch(e => { console.error(e); process.exit(1); });");
    Map<String, String> env = env(fixture);
    env.put("SQL_ONE", PER_ACCOUNT);
    env.put("NODE_PATH", modules.toAbsolutePath().toString());
    List<String> want = new ArrayList<>(expected(PER_ACCOUNT));
    want.addAll(expected(ONE_ACCOUNT));
    assertEquals(want, run(env, "/usr/bin/node", "-e", script));
  }
}
