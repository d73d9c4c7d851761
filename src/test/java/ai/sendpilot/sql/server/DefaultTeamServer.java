package ai.sendpilot.sql.server;

import ai.sendpilot.sql.demo.DemoInbox;
import ai.sendpilot.sql.demo.InboxSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A team server at its command line's default settings over a simulator, for the harness. */
public final class DefaultTeamServer {
  private DefaultTeamServer() {
  }

  /** A BASIC-login server with alice and bob (users file in {@code dir}), no driver settings. */
  public static TeamServer start(InboxSimulator sim, Path dir) throws IOException, SQLException {
    return TestServers.start(sim, Auth.BASIC, TestServers.usersFile(dir), null, null,
        TestServers.limits(10, 100, Duration.ofSeconds(600)));
  }

  /** Client {@code n}'s connection: even clients log in as alice, odd ones as bob. */
  public static Connection remote(TeamServer server, int n) throws SQLException {
    return n % 2 == 0
        ? TestServers.remote(server, TestServers.ALICE, TestServers.ALICE_PASSWORD)
        : TestServers.remote(server, TestServers.BOB, TestServers.BOB_PASSWORD);
  }

  /** The load test's dashboard: SQL to its expected rows. */
  public static Map<String, List<String>> dashboard(DemoInbox inbox) {
    return DashboardQueries.of(inbox);
  }
}
