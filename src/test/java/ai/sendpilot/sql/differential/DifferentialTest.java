package ai.sendpilot.sql.differential;

import static org.junit.jupiter.api.Assertions.fail;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random queries (fixed seeds) through the driver against the simulator, compared with the
 * same queries on an H2 database holding the same data. The simulator's inbox has ties in
 * {@code lastActivityAt} within and across accounts; the driver's connections vary page size
 * (page boundaries inside runs of ties), native order and page sharing, and each runs many
 * statements. {@code -Ddifferential.queries=N} runs N queries (default
 * {@value #DEFAULT_QUERIES}); {@code -Ddifferential.seed=S} starts at seed S, which a failure
 * prints.
 */
class DifferentialTest {
  private static final int DEFAULT_QUERIES = 250;
  private static final long FIRST_SEED = 20_240_601L;
  private static final int MAX_REPORTED = 15;
  /** Settings of the driver connections; query i runs on connection i mod their number. */
  private static final List<String> CONNECTIONS = List.of("", "pageSize=7",
      "pageSize=16;nativeOrder=false;pageCacheTtlMs=0");
  /** The simulator answers at once; the default client rate limit would only add waits. */
  private static final String UNLIMITED = "requestsPerSecond=100000";
  private static final List<Connection> DRIVER = new ArrayList<>();

  private static InboxSimulator simulator;
  private static Connection reference;
  private static InboxFacts facts;

  @BeforeAll static void start() throws SQLException {
    simulator = new InboxSimulator(SimulatorConfig.builder().seed(7).conversations(360)
        .accountIds("acc_emea_01", "acc_na_1", "acc_apac_0001").tiesPercent(40).build())
        .start();
    reference = ReferenceDatabase.load(simulator.inbox());
    facts = InboxFacts.of(simulator.inbox());
    for (String settings : CONNECTIONS) {
      DRIVER.add(DriverManager.getConnection("jdbc:sendpilot:baseUrl=" + simulator.baseUrl()
          + ";apiKey=" + simulator.apiKey() + ";" + UNLIMITED
          + (settings.isEmpty() ? "" : ";" + settings)));
    }
  }

  @AfterAll static void stop() throws SQLException {
    for (Connection c : DRIVER) {
      c.close();
    }
    DRIVER.clear();
    if (reference != null) {
      reference.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test void driverAgreesWithTheReferenceDatabase() {
    int queries = Integer.getInteger("differential.queries", DEFAULT_QUERIES);
    long first = Long.getLong("differential.seed", FIRST_SEED);
    List<String> failures = new ArrayList<>();
    int failed = 0;
    for (int i = 0; i < queries; i++) {
      long seed = first + i;
      int connection = (int) Math.floorMod(seed, (long) CONNECTIONS.size());
      QueryCase query = QueryGenerator.generate(seed, facts);
      String failure = run(query, DRIVER.get(connection));
      if (failure != null) {
        failed++;
        if (failures.size() < MAX_REPORTED) {
          failures.add("seed " + seed + " (-Ddifferential.seed=" + seed
              + " -Ddifferential.queries=1), connection '" + CONNECTIONS.get(connection)
              + "':\n  " + query.sql() + "\n  " + failure);
        }
      }
    }
    if (failed > 0) {
      fail(failed + " of " + queries + " queries disagree with the reference:\n"
          + String.join("\n", failures));
    }
  }

  /** Null when every execution of the query agrees with the reference, else the difference. */
  private static String run(QueryCase query, Connection driver) {
    List<List<Object>> executions = query.executions();
    try (Statement plain = query.prepared() ? null : driver.createStatement();
        PreparedStatement prepared = query.prepared() ? driver.prepareStatement(query.sql())
            : null) {
      for (List<Object> parameters : executions) {
        List<List<Object>> expected;
        try {
          expected = reference(query, parameters);
        } catch (SQLException e) {
          return "the reference rejects the query (a generator fault): " + e;
        }
        List<List<Object>> actual;
        try {
          actual = prepared == null ? rows(plain.executeQuery(query.sql()))
              : rows(bind(prepared, parameters).executeQuery());
        } catch (SQLException | RuntimeException e) {
          return "the driver fails with parameters " + parameters + ": " + e;
        }
        String difference = Comparison.difference(query.check(), expected, actual, parameters);
        if (difference != null) {
          return "with parameters " + parameters + ": " + difference;
        }
      }
      return null;
    } catch (SQLException e) {
      return "the driver cannot prepare it: " + e;
    }
  }

  private static List<List<Object>> reference(QueryCase query, List<Object> parameters)
      throws SQLException {
    Check check = query.check();
    String sql = check.kind() == Check.Kind.WINDOW ? check.fullSql() : query.sql();
    List<Object> used = check.kind() == Check.Kind.WINDOW
        ? parameters.subList(0, parameters.size() - check.boundParameters()) : parameters;
    try (PreparedStatement s = reference.prepareStatement(sql)) {
      return rows(bind(s, used).executeQuery());
    }
  }

  private static PreparedStatement bind(PreparedStatement s, List<Object> parameters)
      throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      s.setObject(i + 1, parameters.get(i));
    }
    return s;
  }

  private static List<List<Object>> rows(ResultSet rs) throws SQLException {
    try (rs) {
      return ResultRows.read(rs);
    }
  }
}
