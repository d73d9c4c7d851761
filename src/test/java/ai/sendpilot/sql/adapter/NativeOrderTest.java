package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.FakeInbox.token;
import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.QueryAssert;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** ORDER BY last_activity_at DESC is answered from the API's newest-first order. */
class NativeOrderTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeInbox inbox = new FakeInbox(List.of("a", "b", "c"), List.of(150, 40, 90));

  private List<String> newestIds(String account, int n) {
    return inbox.conversations(null).stream()
        .filter(m -> account == null || account.contains((String) m.get("accountId")))
        .sorted(Comparator.comparing((Map<String, Object> m) ->
            (String) m.get("lastActivityAt")).reversed())
        .limit(n).map(m -> (String) m.get("id")).collect(Collectors.toList());
  }

  @Test void topNOfAllAccountsIsOneRequest() {
    server.setDispatcher(inbox);
    QueryAssert.on(server)
        .query("select id from conversations order by last_activity_at desc limit 10")
        .returns(newestIds(null, 10))
        .sends(params("limit", "10"));
  }

  @Test void topNOfSeveralAccountsMergesTheirHeads() {
    server.setDispatcher(inbox);
    QueryAssert.on(server).query("select id from conversations"
            + " where account_id in ('a', 'c') order by last_activity_at desc limit 12")
        .returns(newestIds("a,c", 12))
        .sendsByAccount(params("accountId", "a", "limit", "12"),
            params("accountId", "c", "limit", "12"));
  }

  @Test void orderWithoutLimitStreamsTheMergeWithoutASort() {
    server.setDispatcher(inbox);
    String sql = "select id from conversations"
        + " where account_id in ('a', 'b') order by last_activity_at desc";
    List<String> expected = newestIds("a,b", 1000);
    assertEquals(190, expected.size());
    QueryAssert.on(server).query(sql)
        .returns(expected)
        .sendsByAccount(params("accountId", "a", "limit", "100"),
            params("accountId", "a", "limit", "100", "continuationToken", token(100)),
            params("accountId", "b", "limit", "100"))
        .explainIs(""
            + "EnumerableCalc(expr#0..8=[{inputs}], id=[$t0], last_activity_at=[$t5])\n"
            + "  SendPilotToEnumerableConverter(accountIds=[a, b], newestFirst=[true])\n"
            + "    SendPilotFilter(condition=[SEARCH($1, Sarg['a':VARCHAR, 'b':VARCHAR]"
            + ":VARCHAR)], accountIds=[a, b])\n"
            + "      SendPilotTableScan(table=[[sendpilot, conversations]])\n");
  }

  @Test void topNWithOffsetAndOtherFilters() {
    server.setDispatcher(inbox);
    QueryAssert.on(server).query("select id from conversations where account_id = 'b'"
            + " order by last_activity_at desc limit 5 offset 3")
        .returns(newestIds("b", 8).subList(3, 8))
        .sends(params("accountId", "b", "limit", "8"));
  }

  @Test void explainShowsTheNativeOrder() {
    server.setDispatcher(inbox);
    QueryAssert.on(server).query("select * from conversations where account_id in ('a', 'b')"
            + " order by last_activity_at desc limit 3")
        .explainIs(""
            + "SendPilotToEnumerableConverter(accountIds=[a, b], limit=[3], newestFirst=[true])\n"
            + "  SendPilotLimit(fetch=[3])\n"
            + "    SendPilotFilter(condition=[SEARCH($1, Sarg['a':VARCHAR, 'b':VARCHAR]"
            + ":VARCHAR)], accountIds=[a, b])\n"
            + "      SendPilotTableScan(table=[[sendpilot, conversations]])\n");
  }

  @Test void otherOrdersAreSortedLocally() {
    server.setDispatcher(inbox);
    List<String> ascending = new ArrayList<>(newestIds("c", 1000));
    Collections.reverse(ascending);
    QueryAssert.on(server).query("select id from conversations"
            + " where account_id = 'c' order by last_activity_at asc limit 4")
        .returns(ascending.subList(0, 4))
        .sends(params("accountId", "c", "limit", "100"));
  }

  @Test void nativeOrderCanBeTurnedOff() {
    server.setDispatcher(inbox);
    QueryAssert native0 = QueryAssert.on(server).with("nativeOrder=false");
    String sql = "select id from conversations order by last_activity_at desc limit 5";
    native0.query(sql)
        .returns(newestIds(null, 5))
        .sends(params("limit", "100"), params("limit", "100", "continuationToken", token(100)),
            params("limit", "100", "continuationToken", token(200)));
    native0.query(sql).explainContains("EnumerableLimit(fetch=[5])");
  }

  @Test void anApiThatBreaksItsOrderFailsClearly() {
    server.enqueue(new MockResponse.Builder().body("{\"conversations\":["
        + "{\"id\":\"c1\",\"accountId\":\"a\",\"lastActivityAt\":\"2024-01-01T00:00:00Z\"},"
        + "{\"id\":\"c2\",\"accountId\":\"a\",\"lastActivityAt\":\"2024-03-01T00:00:00Z\"}],"
        + "\"pagination\":{\"hasMore\":false}}").build());
    QueryAssert.on(server)
        .query("select id from conversations order by last_activity_at desc limit 5")
        .failsWith("HY000", "While reading sendpilot.conversations:"
            + " SendPilot API request GET /v1/inbox/conversations?limit=5"
            + " returned conversation c2 with lastActivityAt"
            + " 2024-03-01T00:00:00Z after one with 2024-01-01T00:00:00Z, breaking the"
            + " newest-activity-first order this query relies on for ORDER BY last_activity_at"
            + " DESC. Set nativeOrder=false to sort locally instead.")
        .sends(params("limit", "5"));
  }
}
