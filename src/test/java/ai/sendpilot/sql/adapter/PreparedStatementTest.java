package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parameters ({@code ?}) in account predicates and LIMIT are pushed, read at each execution. */
class PreparedStatementTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach void serve() {
    server.setDispatcher(new FakeInbox(List.of("a", "b", "c"), List.of(150, 40, 90)));
  }

  private static int count(PreparedStatement ps) throws Exception {
    try (ResultSet rs = ps.executeQuery()) {
      return Jdbc.rows(rs).size();
    }
  }

  @Test void accountParameterIsPushedForEachExecution() throws Exception {
    try (Connection c = Jdbc.connect(server, "pageCacheTtlMs=0");
         PreparedStatement ps = c.prepareStatement(
             "select id from conversations where account_id = ? and unread_count >= 0")) {
      ps.setString(1, "b");
      assertEquals(40, count(ps));
      assertEquals(List.of(params("accountId", "b", "limit", "100")), Requests.drain(server));
      ps.setString(1, "c");
      assertEquals(90, count(ps));
      assertEquals(List.of(params("accountId", "c", "limit", "100")), Requests.drain(server));
    }
  }

  @Test void inListOfParametersAndLimitParameter() throws Exception {
    try (Connection c = Jdbc.connect(server);
         PreparedStatement ps = c.prepareStatement(
             "select id from conversations where account_id in (?, ?) limit ?")) {
      ps.setString(1, "c");
      ps.setString(2, "a");
      ps.setInt(3, 7);
      assertEquals(7, count(ps));
    }
    List<Map<String, String>> requests = Requests.drain(server);
    requests.sort(Comparator.comparing(r -> r.get("accountId")));
    assertEquals(List.of(params("accountId", "a", "limit", "7")), requests);
  }

  @Test void explainShowsTheParameters() throws Exception {
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(""
              + "SendPilotToEnumerableConverter(accountIds=[?0 and ?1], limit=[?2])\n"
              + "  SendPilotLimit(fetch=[?2])\n"
              + "    SendPilotFilter(condition=[AND(=($1, ?0), =($1, ?1))],"
              + " accountIds=[?0 and ?1])\n"
              + "      SendPilotTableScan(table=[[sendpilot, conversations]])\n",
          Jdbc.explain(c, "select * from conversations where account_id = ?"
              + " and account_id = ? limit ?"));
    }
    assertEquals(0, server.getRequestCount());
  }

  @Test void conflictingParametersSendNothing() throws Exception {
    try (Connection c = Jdbc.connect(server);
         PreparedStatement ps = c.prepareStatement(
             "select id from conversations where account_id = ? and account_id = ?")) {
      ps.setString(1, "a");
      ps.setString(2, "b");
      assertEquals(0, count(ps));
    }
    assertEquals(0, server.getRequestCount());
  }
}
