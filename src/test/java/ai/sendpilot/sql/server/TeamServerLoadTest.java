package ai.sendpilot.sql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.Jdbc;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty remote clients run a dashboard's queries through one team server, over a simulator
 * with latency and faults, for {@code -Dsendpilot.serverLoad.seconds} (10 by default; 60 for
 * bench/results.md): every result is exact, the API sees no more than its budget, and fewer
 * requests per query than the same load over twenty embedded drivers. Loopback only.
 */
class TeamServerLoadTest {
  private static final int CLIENTS = 20;
  private static final double REQUESTS_PER_SECOND = 40;
  private static final long SECONDS = Long.getLong("sendpilot.serverLoad.seconds", 10);

  @TempDir Path dir;

  /** What one phase measured. */
  private record Phase(int queries, double seconds, long apiRequests, List<Long> latencyNanos) {
    double requestsPerQuery() {
      return (double) apiRequests / queries;
    }

    double queriesPerSecond() {
      return queries / seconds;
    }

    double percentileMillis(double p) {
      List<Long> sorted = new ArrayList<>(latencyNanos);
      Collections.sort(sorted);
      int index = (int) Math.ceil(p * sorted.size()) - 1;
      return sorted.get(Math.max(0, index)) / 1e6;
    }

    String describe(String name) {
      return String.format(Locale.ROOT, "%s: %d queries in %.1f s = %.1f queries/s, latency p50"
          + " %.1f ms p99 %.1f ms, %d API requests = %.3f per query, %.1f requests/s", name,
          queries, seconds, queriesPerSecond(), percentileMillis(0.5), percentileMillis(0.99),
          apiRequests, requestsPerQuery(), apiRequests / seconds);
    }
  }

  /** Opens one client's connection. */
  @FunctionalInterface
  private interface Connector {
    Connection open(int client) throws SQLException;
  }

  @Test void twentyDashboardsShareOneServerWithinTheBudget() throws Exception {
    SimulatorConfig config = SimulatorConfig.builder().seed(21).conversations(2000)
        .latency(Duration.ofMillis(10)).serverErrorEvery(29).throttleEvery(31).threads(8)
        .build();
    try (InboxSimulator sim = new InboxSimulator(config).start()) {
      Map<String, List<String>> queries = DashboardQueries.of(sim.inbox());
      String budget = "requestsPerSecond=" + (int) REQUESTS_PER_SECOND;
      warmUp(sim, queries, budget);
      Phase server;
      try (TeamServer team = TestServers.start(sim, Auth.BASIC, TestServers.usersFile(dir),
          null, null, TestServers.limits(CLIENTS, 100, Duration.ofMinutes(5)), budget,
          "maxAttempts=8")) {
        server = run(sim, queries, client -> client % 2 == 0
            ? TestServers.remote(team, TestServers.ALICE, TestServers.ALICE_PASSWORD)
            : TestServers.remote(team, TestServers.BOB, TestServers.BOB_PASSWORD));
      }
      Phase embedded = run(sim, queries, client -> DriverManager.getConnection(
          "jdbc:sendpilot:baseUrl=" + sim.baseUrl() + ";apiKey=" + sim.apiKey() + ";" + budget
              + ";maxAttempts=8"));
      String report = server.describe("team server, 20 remote clients") + "\n"
          + embedded.describe("20 embedded drivers") + "\n";
      Files.writeString(Path.of("target", "server-load.txt"), report, StandardCharsets.UTF_8);
      System.out.print(report);
      for (Phase phase : List.of(server, embedded)) {
        assertTrue(phase.queries() >= CLIENTS, report);
        // One request may start the instant the limiter opens.
        double rate = (phase.apiRequests() - 1) / phase.seconds();
        assertTrue(rate <= REQUESTS_PER_SECOND * 1.05, report);
      }
      assertTrue(server.requestsPerQuery() < embedded.requestsPerQuery(), report);
    }
  }

  /**
   * Runs every query once remotely, through a server of its own, and once embedded, so that
   * neither phase pays for compiling the code paths, and neither starts with cached pages.
   */
  private void warmUp(InboxSimulator sim, Map<String, List<String>> queries, String budget)
      throws Exception {
    try (TeamServer warmUp = TestServers.start(sim, Auth.BASIC, TestServers.usersFile(dir),
            null, null, TestServers.generousLimits(), budget);
         Connection remote = TestServers.remote(warmUp, TestServers.ALICE,
             TestServers.ALICE_PASSWORD);
         Connection embedded = DriverManager.getConnection("jdbc:sendpilot:baseUrl="
             + sim.baseUrl() + ";apiKey=" + sim.apiKey() + ";" + budget)) {
      for (String sql : queries.keySet()) {
        assertEquals(queries.get(sql), Jdbc.rows(remote, sql), sql);
        assertEquals(queries.get(sql), Jdbc.rows(embedded, sql), sql);
      }
    }
  }

  /** Every client runs the queries in turn until the time is up, checking every result. */
  private static Phase run(InboxSimulator sim, Map<String, List<String>> queries,
      Connector connector) throws Exception {
    List<String> sqls = new ArrayList<>(queries.keySet());
    List<Connection> connections = new ArrayList<>();
    for (int client = 0; client < CLIENTS; client++) {
      connections.add(connector.open(client));
    }
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long requestsBefore = sim.requestCount();
    long started = System.nanoTime();
    long deadline = started + Duration.ofSeconds(SECONDS).toNanos();
    try {
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
            assertEquals(queries.get(sql), rows, sql);
          }
          return latencies;
        }));
      }
      List<Long> latencies = new ArrayList<>();
      for (Future<List<Long>> client : clients) {
        latencies.addAll(client.get());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Phase(latencies.size(), seconds, sim.requestCount() - requestsBefore,
          latencies);
    } finally {
      pool.shutdownNow();
      for (Connection c : connections) {
        c.close();
      }
    }
  }
}
