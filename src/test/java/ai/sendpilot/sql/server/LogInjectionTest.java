package ai.sendpilot.sql.server;

import static ai.sendpilot.sql.server.TestServers.BOB;
import static ai.sendpilot.sql.server.TestServers.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client-chosen connection id and SQL with line breaks cannot forge lines of the log. */
class LogInjectionTest {
  @TempDir Path dir;

  @Test void forgedLinesStayOnTheirLine() throws Exception {
    String tag = UUID.randomUUID().toString();
    String forged = "[main] INFO ai.sendpilot.sql.server.TeamMeta - query user=alice"
        + " connection=forged-" + tag + " ms=1 ok sql=select secret";
    String connection = "c-" + tag + "\n" + forged;
    String sql = "select 1 /*\r\n" + forged + "\n*/";
    try (InboxSimulator sim = new InboxSimulator(SimulatorConfig.builder().seed(9)
            .conversations(100).build()).start();
         TeamServer server = TestServers.start(sim, Auth.BASIC, TestServers.usersFile(dir),
             null, null, TestServers.generousLimits())) {
      AvaticaWire bob = new AvaticaWire(server, BOB, BOB_PASSWORD);
      bob.call(new Service.OpenConnectionRequest(connection, Map.of()));
      int statement = ((Service.CreateStatementResponse) bob.call(
          new Service.CreateStatementRequest(connection))).statementId;
      Service.Response ran = bob.call(
          new Service.PrepareAndExecuteRequest(connection, statement, sql, -1, 10));
      assertTrue(ran instanceof Service.ExecuteResponse, String.valueOf(ran));
      String logged = ServerLog.await(Duration.ofSeconds(30), "query user=bob connection=c-"
          + tag);
      assertTrue(logged.contains("connection=c-" + tag + "\\n[main] INFO"), logged);
      assertTrue(logged.contains("sql=select 1 /*\\r\\n[main] INFO"), logged);
      assertEquals(List.of(), ServerLog.lines().stream()
          .filter(line -> line.contains("forged-" + tag) && !line.contains("user=bob"))
          .toList());
    }
  }
}
