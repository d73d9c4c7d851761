package ai.sendpilot.sql.bench;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Figure 8 in JMH: the driver's own cost of a statement whose pages are already in the
 * connection's cache, planned anew for each account value or run from a PreparedStatement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WarmStatementBenchmark {
  private static final String SQL =
      "select id, unread_count from conversations where account_id = %s limit 5";

  private InboxSimulator sim;
  private Connection connection;
  private PreparedStatement prepared;
  private List<String> accounts;
  private int next;

  @Setup(Level.Trial) public void start() throws SQLException {
    SimulatorConfig config = SimulatorConfig.builder().seed(8).conversations(3000).build();
    accounts = config.accountIds();
    sim = new InboxSimulator(config).start();
    connection = DriverManager.getConnection("jdbc:sendpilot:baseUrl=" + sim.baseUrl()
        + ";apiKey=" + sim.apiKey() + ";pageCacheTtlMs=3600000");
    prepared = connection.prepareStatement(String.format(SQL, "?"));
  }

  @TearDown(Level.Trial) public void stop() throws SQLException {
    prepared.close();
    connection.close();
    sim.close();
  }

  private String nextAccount() {
    next = (next + 1) % accounts.size();
    return accounts.get(next);
  }

  @Benchmark public void replannedStatement(Blackhole sink) throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery(String.format(SQL, "'" + nextAccount() + "'"))) {
      while (rs.next()) {
        sink.consume(rs.getString(1));
      }
    }
  }

  @Benchmark public void reusedPreparedStatement(Blackhole sink) throws SQLException {
    prepared.setString(1, nextAccount());
    try (ResultSet rs = prepared.executeQuery()) {
      while (rs.next()) {
        sink.consume(rs.getString(1));
      }
    }
  }
}
