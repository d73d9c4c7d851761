package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** EXPLAIN shows what is pushed into the API, and sends no request. */
class ExplainTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test void explainShowsAccountsAndLimitWithoutRequests() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 3));
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(""
              + "SendPilotToEnumerableConverter(accountIds=[a, b], limit=[10])\n"
              + "  SendPilotLimit(fetch=[10])\n"
              + "    SendPilotFilter(condition=[SEARCH($1, Sarg['a':VARCHAR, 'b':VARCHAR]"
              + ":VARCHAR)], accountIds=[a, b])\n"
              + "      SendPilotTableScan(table=[[sendpilot, conversations]])\n",
          Jdbc.explain(c, "select * from conversations where account_id in ('a', 'b')"
              + " limit 10"));
      assertEquals(""
              + "EnumerableCalc(expr#0..5=[{inputs}], expr#6=['x%'], expr#7=[LIKE($t3, $t6)],"
              + " proj#0..5=[{exprs}], $condition=[$t7])\n"
              + "  SendPilotToEnumerableConverter(accountIds=[a])\n"
              + "    SendPilotFilter(condition=[=($1, 'a')], accountIds=[a])\n"
              + "      SendPilotTableScan(table=[[sendpilot, participants]])\n",
          Jdbc.explain(c, "select * from participants where account_id = 'a'"
              + " and name like 'x%'"));
    }
    assertEquals(0, server.getRequestCount());
  }

  @Test void explainNeverShowsTheKey() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 3));
    try (Connection c = Jdbc.connect(server)) {
      String plan = Jdbc.explain(c, "select * from conversations c join participants p"
          + " on c.id = p.conversation_id");
      assertEquals(-1, plan.indexOf(FakeInbox.KEY));
    }
  }
}
