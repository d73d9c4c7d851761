package ai.sendpilot.sql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;

/**
 * Fluent checks of a query through the driver, on the model of Calcite's {@code CalciteAssert}:
 * {@code QueryAssert.on(server).with("nativeOrder=false").query(sql).returns(...).sends(...)}.
 * Each query runs once, at its first check, on a connection of its own that is closed
 * afterwards; the checks that follow look at that run.
 *
 * <p>Connections to a MockWebServer send at {@code requestsPerSecond=1000000000} unless
 * {@link #with} says otherwise, so that no request waits for the client-side rate limit where it
 * cannot be seen: see {@link Requests}. They connect with {@code validateOnConnect=false}, so
 * that the requests checked are the query's own (the connect-time check has tests of its own).
 * Requests are only checked on a MockWebServer.
 */
public final class QueryAssert {
  private static final String FAST = "1000000000";

  private final String url;
  private final MockWebServer server;
  private final Map<String, String> settings;

  private QueryAssert(String url, MockWebServer server, Map<String, String> settings) {
    this.url = url;
    this.server = server;
    this.settings = settings;
  }

  /** Queries against a MockWebServer (typically serving a {@link FakeInbox}). */
  public static QueryAssert on(MockWebServer server) {
    return new QueryAssert(url(Jdbc.baseUrl(server), FakeInbox.KEY), server,
        Map.of("requestsPerSecond", FAST, "validateOnConnect", "false"));
  }

  /** Queries against a running simulator, with the driver's default settings. */
  public static QueryAssert on(InboxSimulator simulator) {
    return new QueryAssert(url(simulator.baseUrl(), simulator.apiKey()), null, Map.of());
  }

  /** Queries against the driver's embedded demo inbox ({@code demo=true}). */
  public static QueryAssert demo() {
    return new QueryAssert("jdbc:sendpilot:demo=true", null, Map.of());
  }

  private static String url(String baseUrl, String apiKey) {
    return "jdbc:sendpilot:baseUrl=" + baseUrl + ";apiKey=" + apiKey;
  }

  /** The same, with more connection settings, each {@code name=value}; later ones win. */
  public QueryAssert with(String... nameValues) {
    Map<String, String> more = new LinkedHashMap<>(settings);
    for (String nameValue : nameValues) {
      int eq = nameValue.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("not name=value: " + nameValue);
      }
      more.put(nameValue.substring(0, eq), nameValue.substring(eq + 1));
    }
    return new QueryAssert(url, server, Map.copyOf(more));
  }

  /** A new connection with these settings; the caller closes it. */
  public Connection connect() throws SQLException {
    StringBuilder full = new StringBuilder(url);
    settings.forEach((name, value) -> full.append(';').append(name).append('=').append(value));
    return DriverManager.getConnection(full.toString());
  }

  public AssertQuery query(String sql) {
    return new AssertQuery(sql);
  }

  /** What one run of a query gave: its rows or its failure, and the requests it sent. */
  private record Run(List<String> rows, SQLException failure,
      List<Map<String, String>> requests) {
  }

  /** Checks of one query; the query runs at the first check that needs it. */
  public final class AssertQuery {
    private final String sql;
    private Run run;

    private AssertQuery(String sql) {
      this.sql = sql;
    }

    /** Exactly these rows in this order; each row is its columns joined by "; ". */
    public AssertQuery returns(String... rows) {
      return returns(List.of(rows));
    }

    public AssertQuery returns(List<String> rows) {
      assertEquals(rows, rows(), sql);
      return this;
    }

    /** Exactly these rows, in any order. */
    public AssertQuery returnsUnordered(String... rows) {
      return returnsUnordered(List.of(rows));
    }

    public AssertQuery returnsUnordered(List<String> rows) {
      assertEquals(sorted(rows), sorted(rows()), sql);
      return this;
    }

    /** Exactly this many rows. */
    public AssertQuery returnsCount(int count) {
      assertEquals(count, rows().size(), sql);
      return this;
    }

    /** The rows, for checks of their own. */
    public List<String> rows() {
      Run r = run();
      if (r.failure() != null) {
        throw new AssertionError(sql + " failed: " + r.failure(), r.failure());
      }
      return r.rows();
    }

    /**
     * Exactly these requests, in the order they arrived, each with all its query parameters
     * (see {@link Requests#params}); every request was also checked for method, path and key.
     */
    @SafeVarargs public final AssertQuery sends(Map<String, String>... requests) {
      assertEquals(Arrays.asList(requests), requests(), sql);
      return this;
    }

    /**
     * Exactly these requests, each with all its query parameters, ordered by account: the
     * streams of several accounts are read at the same time, so only each account's order is
     * fixed. Give them sorted by account, and in order within an account.
     */
    @SafeVarargs public final AssertQuery sendsByAccount(Map<String, String>... requests) {
      List<Map<String, String>> byAccount = new ArrayList<>(requests());
      byAccount.sort(Comparator.comparing(r -> String.valueOf(r.get("accountId"))));
      assertEquals(Arrays.asList(requests), byAccount, sql);
      return this;
    }

    public AssertQuery sendsNothing() {
      assertEquals(List.of(), requests(), sql);
      return this;
    }

    /** The requests the run sent, for checks of their own. */
    public List<Map<String, String>> requests() {
      if (server == null) {
        throw new IllegalStateException("requests are only checked on a MockWebServer");
      }
      return run().requests();
    }

    /** The query fails with this SQLState and a message that contains {@code messagePart}. */
    public AssertQuery failsWith(String sqlState, String messagePart) {
      SQLException e = failure();
      assertEquals(sqlState, e.getSQLState(), () -> sql + ": " + e);
      assertTrue(e.getMessage().contains(messagePart), () -> sql + ": " + e.getMessage());
      return this;
    }

    /** The failure, for checks of its own; fails if the query succeeded. */
    public SQLException failure() {
      Run r = run();
      assertNotNull(r.failure(), () -> sql + " returned " + r.rows());
      return r.failure();
    }

    /** The failure with all its causes and stack traces, as printed. */
    public String failureText() {
      StringWriter out = new StringWriter();
      failure().printStackTrace(new PrintWriter(out));
      return out.toString();
    }

    /** {@code EXPLAIN PLAN FOR} the query is exactly {@code plan}; planning sends nothing. */
    public AssertQuery explainIs(String plan) {
      assertEquals(plan, plan(), sql);
      return this;
    }

    /** The plan contains {@code part}; planning sends nothing. */
    public AssertQuery explainContains(String part) {
      String plan = plan();
      assertTrue(plan.contains(part), () -> sql + ":\n" + plan);
      return this;
    }

    /** The text of {@code EXPLAIN PLAN FOR} the query, checked to send no request. */
    public String plan() {
      try {
        List<String> lines;
        try (Connection c = connect()) {
          lines = Jdbc.rows(c, "explain plan for " + sql);
        }
        if (server != null) {
          assertEquals(List.of(), Requests.take(server, 0), "EXPLAIN sent requests: " + sql);
        }
        return String.join("\n", lines);
      } catch (SQLException | InterruptedException e) {
        throw new AssertionError("EXPLAIN failed: " + sql, e);
      }
    }

    private Run run() {
      if (run == null) {
        run = execute();
      }
      return run;
    }

    /**
     * Reads every row, then waits until nothing is in flight before closing: a request sent
     * after the last row (a read-ahead too many) is then seen, not cancelled by the close.
     */
    private Run execute() {
      try {
        if (server != null) {
          Requests.awaitDriverIdle();
          assertEquals(List.of(), Requests.drain(server), "requests before " + sql);
        }
        List<String> rows = null;
        SQLException failure = null;
        try (Connection c = connect(); Statement s = c.createStatement()) {
          try (ResultSet rs = s.executeQuery(sql)) {
            rows = Jdbc.rows(rs);
            Requests.awaitDriverIdle();
          } catch (SQLException e) {
            failure = e;
          }
        }
        if (server == null) {
          return new Run(rows, failure, null);
        }
        Requests.awaitDriverIdle();
        return new Run(rows, failure, Requests.drain(server));
      } catch (SQLException | InterruptedException e) {
        throw new AssertionError("could not run " + sql, e);
      }
    }
  }

  private static List<String> sorted(List<String> rows) {
    List<String> copy = new ArrayList<>(rows);
    copy.sort(Comparator.naturalOrder());
    return copy;
  }
}
