package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.FakeInbox.token;
import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.QueryAssert;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parameters ({@code ?}) in account predicates and LIMIT are pushed, read at each execution. */
class PreparedStatementTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeInbox inbox = new FakeInbox(List.of("a", "b", "c"), List.of(150, 40, 90));

  @BeforeEach void serve() {
    server.setDispatcher(inbox);
  }

  private static List<String> rows(PreparedStatement ps) throws Exception {
    try (ResultSet rs = ps.executeQuery()) {
      return Jdbc.rows(rs);
    }
  }

  @Test void accountParameterIsPushedForEachExecution() throws Exception {
    try (Connection c = QueryAssert.on(server).with("pageCacheTtlMs=0").connect();
         PreparedStatement ps = c.prepareStatement(
             "select id from conversations where account_id = ? and unread_count >= 0")) {
      ps.setString(1, "b");
      assertEquals(inbox.ids("b", 1000), rows(ps));
      assertEquals(List.of(params("accountId", "b", "limit", "100")), Requests.take(server, 1));
      ps.setString(1, "c");
      assertEquals(inbox.ids("c", 1000), rows(ps));
      assertEquals(List.of(params("accountId", "c", "limit", "100")), Requests.take(server, 1));
    }
  }

  @Test void inListOfParametersAndLimitParameter() throws Exception {
    try (Connection c = QueryAssert.on(server).connect();
         PreparedStatement ps = c.prepareStatement(
             "select id from conversations where account_id in (?, ?) limit ?")) {
      ps.setString(1, "c");
      ps.setString(2, "a");
      ps.setInt(3, 7);
      assertEquals(inbox.ids("a", 7), rows(ps));
      assertEquals(List.of(params("accountId", "a", "limit", "7")), Requests.take(server, 1));
      ps.setInt(3, 160);
      assertEquals(
          Stream.concat(inbox.ids("a", 150).stream(), inbox.ids("c", 10).stream()).toList(),
          rows(ps));
      assertEquals(List.of(params("accountId", "a", "limit", "100"),
              params("accountId", "a", "limit", "60", "continuationToken", token(100)),
              params("accountId", "c", "limit", "10")),
          Requests.take(server, 3));
    }
  }

  @Test void explainShowsTheParameters() {
    QueryAssert.on(server)
        .query("select * from conversations where account_id = ? and account_id = ? limit ?")
        .explainIs(""
            + "SendPilotToEnumerableConverter(accountIds=[?0 and ?1], limit=[?2])\n"
            + "  SendPilotLimit(fetch=[?2])\n"
            + "    SendPilotFilter(condition=[AND(=($1, ?0), =($1, ?1))],"
            + " accountIds=[?0 and ?1])\n"
            + "      SendPilotTableScan(table=[[sendpilot, conversations]])\n");
  }

  @Test void conflictingParametersSendNothing() throws Exception {
    try (Connection c = QueryAssert.on(server).connect();
         PreparedStatement ps = c.prepareStatement(
             "select id from conversations where account_id = ? and account_id = ?")) {
      ps.setString(1, "a");
      ps.setString(2, "b");
      assertEquals(List.of(), rows(ps));
      assertEquals(List.of(), Requests.take(server, 0));
      ps.setString(2, "a");
      assertEquals(inbox.ids("a", 1000), rows(ps));
      assertEquals(List.of(params("accountId", "a", "limit", "100"),
              params("accountId", "a", "limit", "100", "continuationToken", token(100))),
          Requests.take(server, 2));
    }
  }
}
