package ai.sendpilot.sql.server;

import static ai.sendpilot.sql.server.TestServers.ALICE;
import static ai.sendpilot.sql.server.TestServers.ALICE_PASSWORD;
import static ai.sendpilot.sql.server.TestServers.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.Jdbc;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Avatica's remote JDBC client sees of failures: the embedded driver's SQLState and
 * message on one line, no stack trace; limits with their SQLState; a wrong password named.
 */
class RemoteErrorsTest {
  private static final List<String> BAD_SQL = List.of(
      "select no_such_column from conversations",
      "select * from no_such_table",
      "selec 1",
      "delete from conversations");

  @TempDir Path dir;

  @Test void remoteClientsGetTheDriversSqlStateAndMessageOnOneLine() throws Exception {
    try (InboxSimulator sim = new InboxSimulator(SimulatorConfig.builder().seed(9)
            .conversations(100).build()).start();
         TeamServer server = TestServers.start(sim, Auth.BASIC, TestServers.usersFile(dir),
             null, null, TestServers.limits(1, 10, Duration.ofMinutes(5)));
         Connection embedded = DriverManager.getConnection("jdbc:sendpilot:baseUrl="
             + sim.baseUrl() + ";apiKey=" + sim.apiKey());
         Connection remote = TestServers.remote(server, ALICE, ALICE_PASSWORD)) {
      for (String sql : BAD_SQL) {
        SQLException local = assertThrows(SQLException.class, () -> Jdbc.rows(embedded, sql));
        SQLException far = assertThrows(SQLException.class, () -> Jdbc.rows(remote, sql));
        assertEquals(local.getSQLState(), far.getSQLState(), sql);
        assertTrue(far.getMessage().contains(local.getMessage()), far.getMessage());
        assertFalse(far.getMessage().contains("\n"), far.getMessage());
        assertFalse(far.getMessage().contains("Exception"), far.getMessage());
        assertEquals(List.of(), ((AvaticaSqlException) far).getStackTraces(), sql);
      }
      // Over the connection limit: Avatica's client reports a failed connect unchecked.
      AvaticaClientRuntimeException limit = assertThrows(AvaticaClientRuntimeException.class,
          () -> TestServers.remote(server, ALICE, ALICE_PASSWORD));
      assertEquals("08004", limit.getSqlState());
      assertEquals(List.of(), limit.getServerExceptions());
      // A wrong password.
      RuntimeException wrong = assertThrows(RuntimeException.class,
          () -> TestServers.remote(server, BOB, "not-his-password"));
      assertTrue(wrong.getMessage().contains("Wrong user name or password"), wrong.getMessage());
      // A foreign connection id, through a hand-made client.
      Service.Response answer = new AvaticaWire(server, BOB, TestServers.BOB_PASSWORD)
          .call(new Service.CreateStatementRequest(UUID.randomUUID().toString()));
      assertEquals("08003", ((Service.ErrorResponse) answer).sqlState);
      assertEquals(List.of(), ((Service.ErrorResponse) answer).exceptions);
      assertEquals(List.of("1"), Jdbc.rows(remote, "select 1"));
    }
  }
}
