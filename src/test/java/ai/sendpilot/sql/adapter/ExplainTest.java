package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.QueryAssert;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EXPLAIN shows what is pushed into the API, and sends no request. */
class ExplainTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach void serve() {
    server.setDispatcher(FakeInbox.of("a", 3));
  }

  @Test void explainShowsAccountsAndLimitWithoutRequests() {
    QueryAssert.on(server)
        .query("select * from conversations where account_id in ('a', 'b') limit 10")
        .explainIs(""
            + "SendPilotToEnumerableConverter(accountIds=[a, b], limit=[10])\n"
            + "  SendPilotLimit(fetch=[10])\n"
            + "    SendPilotFilter(condition=[SEARCH($1, Sarg['a':VARCHAR, 'b':VARCHAR]"
            + ":VARCHAR)], accountIds=[a, b])\n"
            + "      SendPilotTableScan(table=[[sendpilot, conversations]])\n");
  }

  @Test void unpushedConjunctsStayAboveTheScan() {
    QueryAssert.on(server)
        .query("select * from participants where account_id = 'a' and name like 'x%'")
        .explainIs(""
            + "EnumerableCalc(expr#0..5=[{inputs}], expr#6=['x%'], expr#7=[LIKE($t3, $t6)],"
            + " proj#0..5=[{exprs}], $condition=[$t7])\n"
            + "  SendPilotToEnumerableConverter(accountIds=[a])\n"
            + "    SendPilotFilter(condition=[=($1, 'a')], accountIds=[a])\n"
            + "      SendPilotTableScan(table=[[sendpilot, participants]])\n");
  }

  @Test void explainNeverShowsTheKey() {
    String plan = QueryAssert.on(server).query("select * from conversations c"
        + " join participants p on c.id = p.conversation_id").plan();
    assertTrue(plan.contains("SendPilotTableScan(table=[[sendpilot, participants]])"), plan);
    assertFalse(plan.contains(FakeInbox.KEY), plan);
  }
}
