package ai.sendpilot.sql.bench;

import ai.sendpilot.sql.adapter.SendPilotSchemas;
import ai.sendpilot.sql.adapter.SendPilotSettings;
import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.jdbc.SharedSchemaConnections;
import ai.sendpilot.sql.pgwire.PgEndpointConfig;
import ai.sendpilot.sql.pgwire.PgEvents;
import ai.sendpilot.sql.pgwire.PgServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figures 15–17, the team server's PostgreSQL endpoint: warm pgjdbc latency against the
 * embedded driver, pgbench with 20 clients against 20 embedded drivers, heap of 200 idle
 * sessions.
 */
final class PgEndpointBench {
  /** Where a figure goes. */
  @FunctionalInterface
  interface Figures {
    void add(String number, String name, String measured, String target, boolean met);
  }

  private static final String[] DASHBOARD = {
      "select account_id, count(*) as n from sendpilot.conversations group by account_id",
      "select id, account_id, unread_count from sendpilot.conversations"
          + " where account_id = 'acc_na_01' limit 20",
      "select count(*) from sendpilot.conversations where unread_count > 0"};
  private static final int CLIENTS = 20;
  private static final int SECONDS = 10;

  private final Figures figures;

  PgEndpointBench(Figures figures) {
    this.figures = figures;
  }

  void run() throws Exception {
    SimulatorConfig config = SimulatorConfig.builder().seed(4).conversations(1000).build();
    try (InboxSimulator sim = new InboxSimulator(config).start();
         SendPilotSchemas schemas = SendPilotSchemas.create(SendPilotSettings.from(
             Map.of("baseUrl", sim.baseUrl(), "apiKey", sim.apiKey(),
                 "requestsPerSecond", "100000"), Map.of()))) {
      SharedSchemaConnections shared = new SharedSchemaConnections(schemas);
      PgEndpointConfig endpoint = new PgEndpointConfig(InetAddress.getLoopbackAddress(), 0,
          null, null, null, 300, 300, 100, Duration.ofMinutes(10), Duration.ofSeconds(30),
          PgEndpointConfig.DEFAULT_MAX_MESSAGE_BYTES);
      try (PgServer server = PgServer.start(endpoint, user -> shared.connect(new Properties()),
          PgEvents.NONE)) {
        latency(sim, server, shared);
        pgbench(server, shared);
        idleSessions(server);
      }
    }
  }

  private void latency(InboxSimulator sim, PgServer server, SharedSchemaConnections shared)
      throws Exception {
    String sql = DASHBOARD[1];
    double embedded;
    try (Connection c = shared.connect(new Properties())) {
      embedded = p50(c, sql);
    }
    double pg;
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
        + server.port() + "/sendpilot?user=bench")) {
      pg = p50(c, sql);
    }
    figures.add("15", "PostgreSQL endpoint: warm single-client pgjdbc query, p50 (embedded"
        + " driver on the same shared schema: " + f("%.2f", embedded) + " ms)",
        f("%.2f ms", pg), "≤ embedded + 2 ms", pg <= embedded + 2);
  }

  private static double p50(Connection c, String sql) throws SQLException {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long start = System.nanoTime();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
      if (i >= 100) {
        times.add(Stats.millisSince(start));
      }
    }
    return Stats.median(times);
  }

  private void pgbench(PgServer server, SharedSchemaConnections shared) throws Exception {
    double embedded = embeddedQueriesPerSecond(shared);
    Path dir = Files.createTempDirectory("pgbench");
    Path script = dir.resolve("dashboard.sql");
    Files.writeString(script, String.join(";\n", DASHBOARD) + ";\n");
    ProcessBuilder builder = new ProcessBuilder("pgbench", "-n", "-f", script.toString(),
        "-c", String.valueOf(CLIENTS), "-j", "4", "-T", String.valueOf(SECONDS), "-l",
        "--log-prefix=" + dir.resolve("log"), "-h", "127.0.0.1", "-p",
        String.valueOf(server.port()), "-U", "bench", "sendpilot").redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(SECONDS * 6L, TimeUnit.SECONDS) || process.exitValue() != 0) {
      figures.add("16", "PostgreSQL endpoint: pgbench, 20 clients", "pgbench failed: "
          + output.strip().replace('\n', ' '), "≥ 0.8 × embedded, no errors", false);
      return;
    }
    Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial").matcher(output);
    Matcher failed = Pattern.compile("number of failed transactions: (\\d+)").matcher(output);
    double queries = (tps.find() ? Double.parseDouble(tps.group(1)) : 0) * DASHBOARD.length;
    long failures = failed.find() ? Long.parseLong(failed.group(1)) : -1;
    Map<String, Long> perClient = new HashMap<>();
    try (var logs = Files.list(dir)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("log")).toList()) {
        for (String line : Files.readAllLines(log)) {
          perClient.merge(line.split(" ")[0], 1L, Long::sum);
        }
      }
    }
    long starved = CLIENTS - perClient.size();
    long fewest = perClient.values().stream().mapToLong(Long::longValue).min().orElse(0);
    boolean met = queries >= 0.8 * embedded && failures == 0 && starved == 0;
    figures.add("16", "PostgreSQL endpoint: pgbench -n, 20 clients, " + SECONDS + " s, "
        + DASHBOARD.length + " dashboard queries a transaction (20 embedded drivers: "
        + f("%.0f", embedded) + " queries/s)", f("%.0f queries/s, %d failed, %d clients"
        + " starved, fewest transactions of a client %d", queries, failures, starved, fewest),
        "≥ 0.8 × embedded, no errors, every client served", met);
  }

  private static double embeddedQueriesPerSecond(SharedSchemaConnections shared)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    List<Future<?>> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(pool.submit(() -> {
        try (Connection c = shared.connect(new Properties())) {
          while (System.nanoTime() < end) {
            for (String sql : DASHBOARD) {
              try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                  rs.getObject(1);
                }
              }
              done.incrementAndGet();
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> client : clients) {
      client.get();
    }
    pool.shutdown();
    return done.get() / (double) SECONDS;
  }

  private void idleSessions(PgServer server) throws Exception {
    long before = usedHeap();
    List<Socket> sessions = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        sessions.add(login(server.port()));
      }
      long after = usedHeap();
      double mb = (after - before) / 1e6;
      figures.add("17", "PostgreSQL endpoint: heap of 200 idle sessions (server side; the"
          + " harness's own sockets are negligible)", f("%.1f MB", mb), "< 100 MB", mb < 100);
    } finally {
      for (Socket s : sessions) {
        s.close();
      }
    }
  }

  /** A bare trusted login, read up to ReadyForQuery: no client-side objects but a socket. */
  private static Socket login(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    byte[] pairs = "user\0bench\0database\0sendpilot\0\0".getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[8 + pairs.length];
    message[3] = (byte) message.length;
    message[5] = 3;
    System.arraycopy(pairs, 0, message, 8, pairs.length);
    OutputStream out = socket.getOutputStream();
    out.write(message);
    out.flush();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    while (true) {
      int type = in.readUnsignedByte();
      byte[] body = new byte[in.readInt() - 4];
      in.readFully(body);
      if (type == 'Z') {
        return socket;
      }
      if (type == 'E') {
        throw new IOException("login failed");
      }
    }
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
