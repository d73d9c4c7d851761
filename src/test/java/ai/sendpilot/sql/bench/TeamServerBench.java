package ai.sendpilot.sql.bench;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.server.DefaultTeamServer;
import ai.sendpilot.sql.server.TeamServer;
import ai.sendpilot.sql.testing.Jdbc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Figure 18: twenty remote clients through the team server (Avatica, protobuf, BASIC login)
 * against twenty embedded drivers, both at default settings, on the load test's dashboard.
 */
final class TeamServerBench {
  private static final int CLIENTS = 20;
  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final Duration MEASURED = Duration.ofSeconds(10);

  /** Opens one client's connection. */
  @FunctionalInterface
  private interface Connector {
    Connection open(int client) throws SQLException;
  }

  /** What one phase measured. */
  private record Phase(int queries, double seconds, double p50Millis) {
    double queriesPerSecond() {
      return queries / seconds;
    }
  }

  private final PgEndpointBench.Figures figures;

  TeamServerBench(PgEndpointBench.Figures figures) {
    this.figures = figures;
  }

  void run() throws Exception {
    SimulatorConfig config = SimulatorConfig.builder().seed(21).conversations(2000)
        .latency(Duration.ofMillis(10)).threads(8).build();
    Path dir = Files.createTempDirectory("team-server-bench");
    try (InboxSimulator sim = new InboxSimulator(config).start();
         TeamServer server = DefaultTeamServer.start(sim, dir)) {
      Map<String, List<String>> queries = DefaultTeamServer.dashboard(sim.inbox());
      Connector remote = client -> DefaultTeamServer.remote(server, client);
      Connector embedded = client -> DriverManager.getConnection(
          "jdbc:sendpilot:baseUrl=" + sim.baseUrl() + ";apiKey=" + sim.apiKey());
      phase(queries, remote, WARM_UP);
      phase(queries, embedded, WARM_UP);
      Phase server20 = phase(queries, remote, MEASURED);
      Phase embedded20 = phase(queries, embedded, MEASURED);
      double ratio = server20.queriesPerSecond() / embedded20.queriesPerSecond();
      double latency = server20.p50Millis() / embedded20.p50Millis();
      figures.add("18", "team server: 20 remote clients (Avatica, protobuf, BASIC login) against"
          + " 20 embedded drivers, default settings, the load test's " + queries.size()
          + " dashboard queries, 2,000 conversations, 10 ms API latency, "
          + MEASURED.toSeconds() + " s each after a " + WARM_UP.toSeconds() + " s warm-up",
          f("remote %.1f queries/s p50 %.1f ms; embedded %.1f queries/s p50 %.1f ms;"
              + " %.2f × throughput, %.2f × p50", server20.queriesPerSecond(),
              server20.p50Millis(), embedded20.queriesPerSecond(), embedded20.p50Millis(),
              ratio, latency),
          "≥ 0.8 × embedded queries/s, p50 ≤ 2 × embedded", ratio >= 0.8 && latency <= 2);
    } finally {
      Files.deleteIfExists(dir.resolve("users.properties"));
      Files.deleteIfExists(dir);
    }
  }

  /** Every client runs the queries in turn until the time is up, checking every result. */
  private static Phase phase(Map<String, List<String>> queries, Connector connector,
      Duration length) throws Exception {
    List<String> sqls = new ArrayList<>(queries.keySet());
    List<Connection> connections = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      for (int client = 0; client < CLIENTS; client++) {
        connections.add(connector.open(client));
      }
      long started = System.nanoTime();
      long deadline = started + length.toNanos();
      List<Future<List<Long>>> clients = new ArrayList<>();
      for (int client = 0; client < CLIENTS; client++) {
        Connection connection = connections.get(client);
        int first = client;
        clients.add(pool.submit(() -> {
          List<Long> latencies = new ArrayList<>();
          for (int q = first; System.nanoTime() < deadline; q++) {
            String sql = sqls.get(q % sqls.size());
            long start = System.nanoTime();
            List<String> rows = Jdbc.rows(connection, sql);
            latencies.add(System.nanoTime() - start);
            if (!rows.equals(queries.get(sql))) {
              throw new IllegalStateException("wrong rows for " + sql + ": " + rows);
            }
          }
          return latencies;
        }));
      }
      List<Long> latencies = new ArrayList<>();
      for (Future<List<Long>> client : clients) {
        latencies.addAll(client.get());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Collections.sort(latencies);
      double p50 = latencies.get((latencies.size() - 1) / 2) / 1e6;
      return new Phase(latencies.size(), seconds, p50);
    } finally {
      pool.shutdownNow();
      for (Connection c : connections) {
        c.close();
      }
    }
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
