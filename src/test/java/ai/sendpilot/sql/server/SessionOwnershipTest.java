package ai.sendpilot.sql.server;

import static ai.sendpilot.sql.server.TestServers.ALICE;
import static ai.sendpilot.sql.server.TestServers.ALICE_PASSWORD;
import static ai.sendpilot.sql.server.TestServers.BOB;
import static ai.sendpilot.sql.server.TestServers.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.Jdbc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bob, holding his own login and connection, tries every call on Alice's connection and
 * statements, by her ids and by his connection with her statement ids: each is refused with a
 * SQLState and logged, and Alice's next fetch returns exactly her own rows.
 */
class SessionOwnershipTest {
  private static final String ALICES_SQL =
      "select id from conversations where account_id = 'acc_na_01' order by id";
  private static final String ALICES_COUNT =
      "select count(*) from conversations where account_id = ?";
  private static final int FIRST_FRAME = 5;

  @TempDir Path dir;

  @Test void bobCannotTouchAlicesSessions() throws Exception {
    try (InboxSimulator sim = new InboxSimulator(SimulatorConfig.builder().seed(9)
            .conversations(800).build()).start();
         TeamServer server = TestServers.start(sim, Auth.BASIC, TestServers.usersFile(dir),
             null, null, TestServers.limits(2, 3, Duration.ofMinutes(5)))) {
      List<String> expected;
      try (Connection embedded = DriverManager.getConnection("jdbc:sendpilot:baseUrl="
          + sim.baseUrl() + ";apiKey=" + sim.apiKey())) {
        expected = new ArrayList<>();
        for (String id : Jdbc.rows(embedded, ALICES_SQL)) {
          expected.add("[" + id + "]");
        }
      }
      AvaticaWire alice = new AvaticaWire(server, ALICE, ALICE_PASSWORD);
      AvaticaWire bob = new AvaticaWire(server, BOB, BOB_PASSWORD);
      String alicesConnection = UUID.randomUUID().toString();
      String bobsConnection = UUID.randomUUID().toString();
      alice.call(new Service.OpenConnectionRequest(alicesConnection, Map.of()));
      bob.call(new Service.OpenConnectionRequest(bobsConnection, Map.of()));
      int statement = ((Service.CreateStatementResponse) alice.call(
          new Service.CreateStatementRequest(alicesConnection))).statementId;
      Service.ExecuteResponse first = (Service.ExecuteResponse) alice.call(
          new Service.PrepareAndExecuteRequest(alicesConnection, statement, ALICES_SQL, -1,
              FIRST_FRAME));
      assertEquals(expected.subList(0, FIRST_FRAME),
          AvaticaWire.rows(first.results.get(0).firstFrame));
      StatementHandle prepared = ((Service.PrepareResponse) alice.call(
          new Service.PrepareRequest(alicesConnection, ALICES_COUNT, -1))).statement;

      Map<String, Service.Request> moves = new LinkedHashMap<>();
      for (String connection : List.of(alicesConnection, bobsConnection)) {
        String by = connection.equals(bobsConnection) ? " via bob's connection" : "";
        moves.put("fetch" + by, new Service.FetchRequest(connection, statement, FIRST_FRAME, 100));
        moves.put("replace the SQL" + by, new Service.PrepareAndExecuteRequest(connection,
            statement, "select 'attacker' from (values 1)", -1, 100));
        moves.put("run the prepared statement with other parameters" + by,
            new Service.ExecuteRequest(new StatementHandle(connection, prepared.id,
                prepared.signature), List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING,
                    "acc_emea_01")), 100));
        moves.put("syncResults" + by, new Service.SyncResultsRequest(connection, statement,
            new QueryState("select 'attacker' from (values 1)"), 0));
        moves.put("close the statement" + by,
            new Service.CloseStatementRequest(connection, statement));
        moves.put("close the prepared statement" + by,
            new Service.CloseStatementRequest(connection, prepared.id));
      }
      moves.put("create a statement", new Service.CreateStatementRequest(alicesConnection));
      moves.put("prepare", new Service.PrepareRequest(alicesConnection, "select 1", -1));
      moves.put("tables", new Service.TablesRequest(alicesConnection, null, null, null, null));
      moves.put("connectionSync", new Service.ConnectionSyncRequest(alicesConnection,
          new ConnectionPropertiesImpl(false, true, 0, null, null)));
      moves.put("commit", new Service.CommitRequest(alicesConnection));
      moves.put("rollback", new Service.RollbackRequest(alicesConnection));
      moves.put("close the connection", new Service.CloseConnectionRequest(alicesConnection));
      moves.put("open a connection with her id",
          new Service.OpenConnectionRequest(alicesConnection, Map.of()));
      for (Map.Entry<String, Service.Request> move : moves.entrySet()) {
        Service.Response answer = bob.call(move.getValue());
        ErrorResponse refused = assertInstanceOf(ErrorResponse.class, answer, move.getKey());
        assertTrue(List.of("08003", "26000").contains(refused.sqlState)
            || move.getKey().startsWith("open"), move.getKey() + ": " + refused.sqlState);
        assertEquals(List.of(), refused.exceptions, move.getKey());
      }

      Service.FetchResponse rest = (Service.FetchResponse) alice.call(
          new Service.FetchRequest(alicesConnection, statement, FIRST_FRAME, 1000));
      assertEquals(expected.subList(FIRST_FRAME, expected.size()),
          AvaticaWire.rows(rest.frame));
      Service.ExecuteResponse count = (Service.ExecuteResponse) alice.call(
          new Service.ExecuteRequest(prepared, List.of(TypedValue.ofLocal(
              ColumnMetaData.Rep.STRING, "acc_na_01")), 100));
      assertEquals(List.of("[" + expected.size() + "]"),
          AvaticaWire.rows(count.results.get(0).firstFrame));

      String log = Files.readString(Path.of(System.getProperty(
          "org.slf4j.simpleLogger.logFile")), StandardCharsets.UTF_8);
      assertTrue(log.contains("refused call=fetch user=bob connection=" + alicesConnection
          + " statement=" + statement + ": not the user's own"), "no log line of the refusal");
      assertTrue(log.contains("refused call=closeConnection user=bob connection="
          + alicesConnection));
    }
  }
}
