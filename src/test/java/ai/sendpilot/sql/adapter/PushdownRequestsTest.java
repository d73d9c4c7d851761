package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The requests each query shape sends: exact paths, parameters and key, against the minimum. */
class PushdownRequestsTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeInbox inbox =
      new FakeInbox(List.of("a", "b", "c"), List.of(260, 130, 45));

  @BeforeEach void serve() {
    server.setDispatcher(inbox);
  }

  private List<Map<String, String>> run(String sql, int expectedRows) throws Exception {
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(expectedRows, Jdbc.rows(c, sql).size(), sql);
    }
    return withoutTokens(Requests.drain(server));
  }

  private static List<Map<String, String>> withoutTokens(List<Map<String, String>> requests) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> r : requests) {
      Map<String, String> copy = new LinkedHashMap<>(r);
      copy.remove("continuationToken");
      out.add(copy);
    }
    return out;
  }

  @Test void limitIsPushedIntoOneRequest() throws Exception {
    assertEquals(List.of(params("limit", "5")),
        Requests.drain(serverAfter("select * from conversations limit 5", 5)));
  }

  private MockWebServer serverAfter(String sql, int rows) throws Exception {
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(rows, Jdbc.rows(c, sql).size(), sql);
    }
    return server;
  }

  @Test void accountAndLimitAsksForNoMoreRowsThanNeeded() throws Exception {
    List<Map<String, String>> requests = Requests.drain(
        serverAfter("select * from conversations where account_id = 'a' limit 250", 250));
    assertEquals(3, requests.size());
    int asked = 0;
    for (Map<String, String> r : requests) {
      assertEquals("a", r.get("accountId"));
      asked += Integer.parseInt(r.get("limit"));
    }
    assertEquals(250, asked);
    assertEquals(List.of("100", "100", "50"),
        requests.stream().map(r -> r.get("limit")).toList());
    assertEquals(null, requests.get(0).get("continuationToken"));
    assertTrue(requests.get(1).containsKey("continuationToken"));
    assertTrue(requests.get(2).containsKey("continuationToken"));
  }

  /** The requests sorted by account, since several accounts' streams are read at once. */
  private static List<Map<String, String>> byAccount(List<Map<String, String>> requests) {
    List<Map<String, String>> sorted = new ArrayList<>(requests);
    sorted.sort(Comparator.comparing(r -> r.get("accountId")));
    return sorted;
  }

  @Test void inListReadsOnlyTheNamedAccountsInPagesOf100() throws Exception {
    assertEquals(List.of(
            params("accountId", "a", "limit", "100"),
            params("accountId", "a", "limit", "100"),
            params("accountId", "a", "limit", "100"),
            params("accountId", "b", "limit", "100"),
            params("accountId", "b", "limit", "100")),
        byAccount(run("select * from conversations where account_id in ('a', 'b')", 390)));
  }

  @Test void orOfEqualitiesIsPushedLikeIn() throws Exception {
    assertEquals(List.of(
            params("accountId", "b", "limit", "100"),
            params("accountId", "b", "limit", "100"),
            params("accountId", "c", "limit", "100")),
        byAccount(run("select id from conversations where account_id = 'c'"
            + " or account_id = 'b'", 175)));
  }

  @Test void otherConjunctsStayInCalcite() throws Exception {
    long unread = inbox.conversations("c").stream()
        .filter(m -> ((Integer) m.get("unreadCount")) > 0).count();
    assertEquals(List.of(params("accountId", "c", "limit", "100")),
        run("select * from conversations where account_id = 'c' and unread_count > 0",
            (int) unread));
  }

  @Test void countStarReadsEveryPageOnce() throws Exception {
    List<Map<String, String>> requests;
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(List.of("435"), Jdbc.rows(c, "select count(*) from conversations"));
    }
    requests = withoutTokens(Requests.drain(server));
    assertEquals(5, requests.size());
    requests.forEach(r -> assertEquals(params("limit", "100"), r));
  }

  @Test void contradictionSendsNothing() throws Exception {
    assertEquals(List.of(),
        run("select * from conversations where account_id = 'a' and account_id = 'b'", 0));
  }

  @Test void inIntersectedWithEqualityNarrowsToOneAccount() throws Exception {
    assertEquals(List.of(params("accountId", "c", "limit", "100")),
        run("select * from conversations where account_id in ('a', 'c')"
            + " and account_id in ('b', 'c')", 45));
  }

  @Test void participantsLimitNeedsAtMostThatManyConversations() throws Exception {
    List<Map<String, String>> requests =
        run("select * from participants where account_id = 'a' limit 7", 7);
    assertEquals(1, requests.size());
    assertEquals("a", requests.get(0).get("accountId"));
    assertTrue(Integer.parseInt(requests.get(0).get("limit")) <= 7);
  }

  @Test void joinOnIdAndAccountFiltersBothScans() throws Exception {
    String sql = "select c.id, p.name from conversations c join participants p"
        + " on c.id = p.conversation_id and c.account_id = p.account_id"
        + " where c.account_id = 'c'";
    int expected = inbox.conversations("c").stream()
        .mapToInt(m -> ((List<?>) m.get("participants")).size()).sum();
    assertEquals(List.of(params("accountId", "c", "limit", "100")), run(sql, expected),
        "both scans read account c, and share its one page");
  }

  @Test void offsetIsAddedToThePushedLimit() throws Exception {
    assertEquals(List.of(params("limit", "8")),
        run("select * from conversations limit 5 offset 3", 5));
  }

  @Test void unpushableOrFallsBackToAFullScanWithCorrectRows() throws Exception {
    long expected = inbox.conversations(null).stream()
        .filter(m -> m.get("accountId").equals("a") || ((Integer) m.get("unreadCount")) == 3)
        .count();
    List<Map<String, String>> requests =
        run("select * from conversations where account_id = 'a' or unread_count = 3",
            (int) expected);
    assertEquals(5, requests.size());
    requests.forEach(r -> assertEquals(params("limit", "100"), r));
  }

  @Test void notEqualAndLikeAreNotPushed() throws Exception {
    assertEquals(5, run("select * from conversations where account_id <> 'a'", 175).size());
    assertEquals(5, run("select * from conversations where account_id like 'a%'", 260).size());
  }

  @Test void orderByWithLimitIsNotMistakenForAPlainLimit() throws Exception {
    List<Map<String, String>> requests =
        run("select * from conversations where account_id = 'c' order by id limit 3", 3);
    assertEquals(List.of(params("accountId", "c", "limit", "100")), requests);
  }

  @Test void valuesAreEncodedAndSentVerbatim() throws Exception {
    List<Map<String, String>> requests =
        run("select * from conversations where account_id = 'a&limit=1'", 0);
    assertEquals(List.of(params("accountId", "a&limit=1", "limit", "100")), requests);
  }
}
