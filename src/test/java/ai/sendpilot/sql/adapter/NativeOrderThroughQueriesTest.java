package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.adapter.InboxQueries.page;
import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.DemoCrmSchema;
import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;

/**
 * The API's newest-first order survives what real queries put between the scan and the LIMIT:
 * residual filters, projections, joins with participants and with other tables, OFFSET and
 * window functions. Each query sends only the requests listed, and returns the rows of the same
 * query sorted locally ({@code nativeOrder=false}).
 */
class NativeOrderThroughQueriesTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeInbox inbox = new FakeInbox(List.of("a", "b", "c"), List.of(700, 600, 500));

  private final InboxQueries queries = new InboxQueries(server);

  /** {@code requests} are {@code pages}, possibly followed by {@code readAhead}, cancelled. */
  private static void assertPages(List<Map<String, String>> pages, Map<String, String> readAhead,
      List<Map<String, String>> requests) {
    List<Map<String, String>> withReadAhead = new ArrayList<>(pages);
    withReadAhead.add(readAhead);
    assertTrue(requests.equals(pages) || requests.equals(withReadAhead), requests.toString());
  }

  @Test void topNOfOneAccountAboveAResidualFilterIsOneRequest() throws Exception {
    server.setDispatcher(inbox);
    String sql = "select id from conversations where account_id = 'a' and unread_count > 0"
        + " order by last_activity_at desc limit 5";
    assertEquals(List.of("a-c1", "a-c2", "a-c3", "a-c5", "a-c6"), queries.checkedRows(sql));
    assertEquals(List.of(page("a", 0)), queries.requests());
    String plan = queries.explain(sql);
    assertFalse(plan.contains("Sort"), plan);
    assertTrue(plan.contains("SendPilotToEnumerableConverter(accountIds=[a], newestFirst=[true])"),
        plan);
  }

  @Test void topNOfAllAccountsAboveAResidualFilterIsOneRequest() throws Exception {
    server.setDispatcher(inbox);
    assertEquals(List.of("a-c1", "b-c1", "c-c1", "a-c2", "b-c2"), queries.checkedRows(
        "select id from conversations where unread_count > 0"
            + " order by last_activity_at desc limit 5"));
    assertEquals(List.of(page(null, 0)), queries.requests());
  }

  @Test void topNOfSeveralAccountsMergesThemNewestFirstAboveTheFilter() throws Exception {
    server.setDispatcher(inbox);
    assertEquals(List.of("a-c1", "b-c1", "a-c2", "b-c2", "a-c3", "b-c3"), queries.checkedRows(
        "select id from conversations where account_id in ('a', 'b') and unread_count > 0"
            + " order by last_activity_at desc limit 6"));
    List<Map<String, String>> requests = queries.requests();
    requests.sort((x, y) -> x.get("accountId").compareTo(y.get("accountId")));
    assertEquals(List.of(page("a", 0), page("b", 0)), requests);
  }

  @Test void offsetAboveAResidualFilterKeepsTheOrder() throws Exception {
    server.setDispatcher(inbox);
    assertEquals(List.of("a-c5", "a-c6", "a-c7"), queries.checkedRows(
        "select id from conversations where account_id = 'a' and unread_count > 0"
            + " order by last_activity_at desc limit 3 offset 3"));
    assertEquals(List.of(page("a", 0)), queries.requests());
  }

  @Test void aRareFilterReadsAtMostOnePageAhead() throws Exception {
    server.setDispatcher(inbox);
    // One conversation in ten has no last message: 8 rows need 80 conversations of page 1.
    List<String> rows = queries.checkedRows("select id from conversations"
        + " where account_id = 'a' and last_message_content is null"
        + " order by last_activity_at desc limit 8");
    assertEquals("a-c79", rows.get(7));
    assertPages(List.of(page("a", 0)), page("a", 100), queries.requests());
  }

  @Test void joinWithParticipantsStreamsInOrder() throws Exception {
    server.setDispatcher(inbox);
    String sql = "select c.id, p.name from conversations c join participants p"
        + " on p.conversation_id = c.id and p.account_id = c.account_id"
        + " where c.account_id = 'a' order by c.last_activity_at desc limit 5";
    List<String> rows = queries.run(sql);
    assertEquals(List.of(params("accountId", "a", "limit", "5")), queries.requests());
    // Participants of one conversation tie on its last activity: compare up to that order.
    assertEquals(List.of("a-c0; Zoë Nüñez 0.0", "a-c1; Zoë Nüñez 1.0", "a-c1; Zoë Nüñez 1.1"),
        rows.subList(0, 3));
    assertTrue(rows.subList(3, 5).stream().allMatch(r -> r.startsWith("a-c2; Zoë Nüñez 2.")),
        rows.toString());
    String plan = queries.explain(sql);
    assertFalse(plan.contains("Sort"), plan);
    assertTrue(plan.contains("SendPilotJoin(condition="), plan);
    assertEquals(sorted(queries.run(sql.replace("limit 5", "limit 6"), "nativeOrder=false")),
        sorted(queries.run(sql.replace("limit 5", "limit 6"))));
  }

  private static List<String> sorted(List<String> rows) {
    List<String> copy = new ArrayList<>(rows);
    copy.sort(null);
    return copy;
  }

  @Test void joinWithParticipantsAboveAResidualFilterIsOneRequest() throws Exception {
    server.setDispatcher(inbox);
    String sql = "select c.id, c.unread_count, p.participant_id from participants p"
        + " join conversations c on c.account_id = p.account_id and c.id = p.conversation_id"
        + " where p.account_id = 'b' and c.unread_count > 0 and p.name <> 'nobody'"
        + " order by c.last_activity_at desc limit 6";
    List<String> rows = queries.run(sql);
    assertEquals(List.of(page("b", 0)), queries.requests());
    assertEquals(sorted(queries.run(sql, "nativeOrder=false")), sorted(rows));
  }

  @Test void leftJoinKeepsConversationsWithoutParticipants() throws Exception {
    String sql = "select c.id, p.participant_id from conversations c left join participants p"
        + " on p.conversation_id = c.id and p.account_id = c.account_id"
        + " order by c.last_activity_at desc limit 3";
    for (String nativeOrder : List.of("nativeOrder=true", "nativeOrder=false")) {
      server.enqueue(new MockResponse.Builder().body("{\"conversations\":["
          + "{\"id\":\"c1\",\"accountId\":\"a\",\"lastActivityAt\":\"2024-03-01T00:00:00Z\","
          + "\"participants\":[{\"id\":\"p1\"},{\"id\":\"p2\"}]},"
          + "{\"id\":\"c2\",\"accountId\":\"a\",\"lastActivityAt\":\"2024-02-01T00:00:00Z\"},"
          + "{\"id\":\"c3\",\"accountId\":\"a\",\"lastActivityAt\":\"2024-01-01T00:00:00Z\","
          + "\"participants\":[{\"id\":\"p3\"}]}],\"pagination\":{\"hasMore\":false}}").build());
      assertEquals(List.of("c1; p1", "c1; p2", "c2; null"), queries.run(sql, nativeOrder),
          nativeOrder);
      assertEquals(1, queries.requests().size());
    }
    assertTrue(queries.explain(sql).contains("joinType=[left]"));
  }

  @Test void otherJoinConditionsAreNotMistakenForTheParticipantJoin() throws Exception {
    server.setDispatcher(inbox);
    String plan = queries.explain("select c.id, p.name from conversations c join participants p"
        + " on p.conversation_id = c.id where c.account_id = 'a'");
    assertFalse(plan.contains("SendPilotJoin"), plan);
    plan = queries.explain("select c.id, p.name from conversations c full join participants p"
        + " on p.conversation_id = c.id and p.account_id = c.account_id");
    assertFalse(plan.contains("SendPilotJoin"), plan);
  }

  @Test void countWithinATimeWindowReadsOnlyThePagesOfTheWindow() throws Exception {
    server.setDispatcher(inbox);
    // Account a's conversation 219 is on its third page: the stream ends at conversation 220.
    String bound = timestampOf("a-c219");
    String sql = "select count(*) from conversations where account_id = 'a'"
        + " and last_activity_at >= timestamp '" + bound + "'";
    assertEquals(List.of("220"), queries.checkedRows(sql));
    assertEquals(List.of(page("a", 0), page("a", 100), page("a", 200)), queries.requests());
    String plan = queries.explain(sql);
    assertTrue(plan.contains("lastActivityAt=[>= " + bound + "]"), plan);
  }

  /** The SQL timestamp literal of conversation {@code id}'s last activity. */
  private String timestampOf(String id) {
    String at = inbox.conversations(null).stream().filter(m -> m.get("id").equals(id))
        .map(m -> (String) m.get("lastActivityAt")).findFirst().orElseThrow();
    return at.replace('T', ' ').replace("Z", "");
  }

  @Test void windowFunctionNeedsNoSort() throws Exception {
    server.setDispatcher(inbox);
    String sql = "select account_id, id, row_number() over (partition by account_id"
        + " order by last_activity_at desc) as rn from conversations"
        + " where account_id in ('b', 'c')";
    String plan = queries.explain(sql);
    assertFalse(plan.contains("Sort"), plan);
    List<String> rows = sorted(queries.run(sql));
    assertEquals(1100, rows.size());
    assertTrue(rows.contains("b; b-c0; 1") && rows.contains("c; c-c41; 42"), rows.toString());
    assertEquals(sorted(queries.run(sql, "nativeOrder=false")), rows);
    String top = "select * from (" + sql + ") where rn <= 2";
    assertEquals(List.of("b; b-c0; 1", "b; b-c1; 2", "c; c-c0; 1", "c; c-c1; 2"),
        sorted(queries.run(top)));
  }

  @Test void joinWithACrmTableKeepsTheOrderWithoutASort() throws Exception {
    SimulatorConfig config = SimulatorConfig.builder().seed(3).conversations(3000).build();
    try (InboxSimulator sim = new InboxSimulator(config).start()) {
      String account = config.accountIds().get(1);
      String sql = "select c.id, p.name, k.email from conversations c"
          + " join participants p on p.conversation_id = c.id and p.account_id = c.account_id"
          + " join crm.contacts k on k.profile_url = p.profile_url"
          + " where c.account_id = '" + account + "' order by c.last_activity_at desc limit 5";
      List<String> local;
      try (Connection c = withCrm(sim, "nativeOrder=false")) {
        local = Jdbc.rows(c, sql);
      }
      long before = sim.requestCount();
      try (Connection c = withCrm(sim, "nativeOrder=true")) {
        String plan = Jdbc.explain(c, sql);
        assertFalse(plan.contains("Sort"), plan);
        assertEquals(local, Jdbc.rows(c, sql));
      }
      assertEquals(1, sim.requestCount() - before);
    }
  }

  private static Connection withCrm(InboxSimulator sim, String setting) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sendpilot:baseUrl=" + sim.baseUrl()
        + ";apiKey=" + sim.apiKey() + ";" + setting);
    c.unwrap(CalciteConnection.class).getRootSchema().add(DemoCrmSchema.NAME,
        new DemoCrmSchema());
    return c;
  }

  @Test void tiesKeepCorrectRows() throws Exception {
    Instant tie = Instant.parse(inbox.conversations("a").get(2).get("lastActivityAt")
        .toString());
    inbox.withLastActivityAt("b-c2", tie).withLastActivityAt("c-c2", tie);
    server.setDispatcher(inbox);
    String sql = "select id, last_activity_at from conversations"
        + " order by last_activity_at desc limit %d";
    List<String> nine = queries.run(String.format(sql, 9));
    assertEquals(sorted(queries.run(String.format(sql, 9), "nativeOrder=false")), sorted(nine));
    assertEquals(List.of("a-c2", "b-c2", "c-c2"), sorted(nine.subList(6, 9)).stream()
        .map(r -> r.substring(0, r.indexOf(';'))).toList());
    assertEquals(1, sorted(nine.subList(6, 9)).stream()
        .map(r -> r.substring(r.indexOf(';'))).distinct().count());
  }

  @Test void aMissingLastActivityFailsOnlyAQueryThatReliesOnTheOrder() throws Exception {
    inbox.withLastActivityAt("b-c1", null);
    server.setDispatcher(inbox);
    assertEquals(List.of("1800"), queries.run("select count(*) from conversations"));
    assertEquals(List.of("1300"), queries.run("select count(*) from conversations"
        + " where account_id in ('a', 'b') and unread_count >= 0"));
    SQLException e = assertThrows(SQLException.class, () -> queries.run(
        "select id from conversations order by last_activity_at desc limit 5"));
    assertTrue(e.getMessage().contains("returned conversation b-c1 with lastActivityAt null")
        && e.getMessage().contains("Set nativeOrder=false to sort locally instead."),
        e.getMessage());
    // Sorted locally, NULL comes first: Calcite's default for DESC, the order declared.
    assertEquals(List.of("b-c1", "a-c0", "b-c0"), queries.run("select id from conversations"
        + " order by last_activity_at desc limit 3", "nativeOrder=false"));
  }

  @Test void aPlanThatNeedsNoOrderReadsSeveralAccountsAsPagesArrive() throws Exception {
    server.setDispatcher(inbox);
    String plan = queries.explain("select account_id, count(*) from conversations"
        + " where account_id in ('a', 'b') and unread_count > 0 group by account_id");
    assertFalse(plan.contains("newestFirst"), plan);
  }
}
