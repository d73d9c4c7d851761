package ai.sendpilot.sql.endtoend;

import ai.sendpilot.sql.demo.InboxSimulator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Opens driver connections to a running {@link InboxSimulator}. */
final class SimulatorConnections {
  private SimulatorConnections() {
  }

  static Connection connect(InboxSimulator sim, String... settings) throws SQLException {
    StringBuilder url = new StringBuilder("jdbc:sendpilot:baseUrl=" + sim.baseUrl()
        + ";apiKey=" + sim.apiKey());
    for (String s : settings) {
      url.append(';').append(s);
    }
    return DriverManager.getConnection(url.toString());
  }
}
