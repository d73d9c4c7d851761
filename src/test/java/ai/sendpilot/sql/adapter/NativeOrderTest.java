package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.SQLException;
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

  private List<String> run(String sql, String... settings) throws SQLException {
    try (Connection c = Jdbc.connect(server, settings)) {
      return Jdbc.rows(c, sql);
    }
  }

  @Test void topNOfAllAccountsIsOneRequest() throws Exception {
    server.setDispatcher(inbox);
    assertEquals(newestIds(null, 10),
        run("select id from conversations order by last_activity_at desc limit 10"));
    assertEquals(List.of(params("limit", "10")), Requests.drain(server));
  }

  @Test void topNOfSeveralAccountsMergesTheirHeads() throws Exception {
    server.setDispatcher(inbox);
    assertEquals(newestIds("a,c", 12), run("select id from conversations"
        + " where account_id in ('a', 'c') order by last_activity_at desc limit 12"));
    List<Map<String, String>> requests = Requests.drain(server);
    requests.sort(Comparator.comparing(r -> r.get("accountId")));
    assertEquals(List.of(params("accountId", "a", "limit", "12"),
        params("accountId", "c", "limit", "12")), requests);
  }

  @Test void orderWithoutLimitStreamsTheMergeWithoutASort() throws Exception {
    server.setDispatcher(inbox);
    List<String> expected = newestIds("a,b", 1000);
    assertEquals(expected, run("select id from conversations"
        + " where account_id in ('a', 'b') order by last_activity_at desc"));
    assertEquals(190, expected.size());
  }

  @Test void topNWithOffsetAndOtherFilters() throws Exception {
    server.setDispatcher(inbox);
    List<String> expected = newestIds("b", 8).subList(3, 8);
    assertEquals(expected, run("select id from conversations where account_id = 'b'"
        + " order by last_activity_at desc limit 5 offset 3"));
    assertEquals(List.of(params("accountId", "b", "limit", "8")), Requests.drain(server));
  }

  @Test void explainShowsTheNativeOrder() throws Exception {
    server.setDispatcher(inbox);
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(""
              + "SendPilotToEnumerableConverter(accountIds=[a, b], limit=[3], newestFirst=[true])\n"
              + "  SendPilotLimit(fetch=[3])\n"
              + "    SendPilotFilter(condition=[SEARCH($1, Sarg['a':VARCHAR, 'b':VARCHAR]"
              + ":VARCHAR)], accountIds=[a, b])\n"
              + "      SendPilotTableScan(table=[[sendpilot, conversations]])\n",
          Jdbc.explain(c, "select * from conversations where account_id in ('a', 'b')"
              + " order by last_activity_at desc limit 3"));
    }
  }

  @Test void otherOrdersAreSortedLocally() throws Exception {
    server.setDispatcher(inbox);
    List<String> ascending = new ArrayList<>(newestIds("c", 1000));
    Collections.reverse(ascending);
    assertEquals(ascending.subList(0, 4), run("select id from conversations"
        + " where account_id = 'c' order by last_activity_at asc limit 4"));
    assertEquals(1, Requests.drain(server).size());
  }

  @Test void nativeOrderCanBeTurnedOff() throws Exception {
    server.setDispatcher(inbox);
    assertEquals(newestIds(null, 5), run("select id from conversations"
        + " order by last_activity_at desc limit 5", "nativeOrder=false"));
    assertEquals(3, Requests.drain(server).size());
  }

  @Test void anApiThatBreaksItsOrderFailsClearly() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"conversations\":["
        + "{\"id\":\"c1\",\"accountId\":\"a\",\"lastActivityAt\":\"2024-01-01T00:00:00Z\"},"
        + "{\"id\":\"c2\",\"accountId\":\"a\",\"lastActivityAt\":\"2024-03-01T00:00:00Z\"}],"
        + "\"pagination\":{\"hasMore\":false}}").build());
    SQLException e = assertThrows(SQLException.class, () -> run("select id from conversations"
        + " order by last_activity_at desc limit 5"));
    assertTrue(e.getMessage().contains("returned conversation c2 with lastActivityAt"
        + " 2024-03-01T00:00:00Z after one with 2024-01-01T00:00:00Z, breaking the"
        + " newest-activity-first order this query relies on for ORDER BY last_activity_at"
        + " DESC. Set nativeOrder=false to sort locally instead."), e.getMessage());
  }
}
