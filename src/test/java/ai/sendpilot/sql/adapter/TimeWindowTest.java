package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.adapter.InboxQueries.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lower bound on {@code last_activity_at} ends each account's stream at its first
 * conversation older than the bound: pages come newest first, so no later page can hold a row.
 * Upper bounds are filtered locally. Results equal the same query without the pushdown.
 */
class TimeWindowTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeInbox inbox = new FakeInbox(List.of("a", "b", "c"), List.of(700, 600, 500));

  @BeforeEach void serve() {
    server.setDispatcher(inbox);
  }

  private final InboxQueries queries = new InboxQueries(server);

  /**
   * The first {@code pages} pages of {@code account} and no more: once a page ends past the
   * bound, not even a page to read ahead is asked for.
   */
  private static void assertPages(String account, int pages, List<Map<String, String>> sent) {
    List<Map<String, String>> expected = new ArrayList<>();
    for (int i = 0; i < pages; i++) {
      expected.add(page(account, 100 * i));
    }
    assertEquals(expected, sent);
  }

  private Instant lastActivityOf(String id) {
    return inbox.conversations(null).stream().filter(m -> m.get("id").equals(id))
        .map(m -> Instant.parse((String) m.get("lastActivityAt"))).findFirst().orElseThrow();
  }

  /** The SQL literal of {@code at}: Calcite's TIMESTAMP is the UTC wall clock. */
  private static String literal(Instant at) {
    return "timestamp '" + at.toString().replace('T', ' ').replace("Z", "") + "'";
  }

  @Test void inclusiveAndExclusiveBoundsStopAtTheFirstOlderConversation() throws Exception {
    String at = literal(lastActivityOf("a-c149"));
    assertEquals(List.of("150"), queries.checkedRows("select count(*) from conversations"
        + " where account_id = 'a' and last_activity_at >= " + at));
    assertPages("a", 2, queries.requests());
    assertEquals(List.of("149"), queries.checkedRows("select count(*) from conversations"
        + " where account_id = 'a' and last_activity_at > " + at));
    assertPages("a", 2, queries.requests());
  }

  @Test void explainShowsTheBound() throws Exception {
    try (Connection c = Jdbc.connect(server)) {
      String plan = Jdbc.explain(c, "select id from conversations where account_id = 'a'"
          + " and last_activity_at >= timestamp '2024-02-24 12:00:00' and unread_count > 0");
      assertTrue(plan.contains("SendPilotToEnumerableConverter(accountIds=[a],"
          + " lastActivityAt=[>= 2024-02-24 12:00:00.000])"), plan);
      assertTrue(plan.contains("SendPilotTimeWindow(condition=[>=($5, 2024-02-24 12:00:00)]"),
          plan);
      plan = Jdbc.explain(c, "select count(*) from conversations"
          + " where last_activity_at >= current_timestamp - interval '7' day");
      assertTrue(plan.contains("lastActivityAt=[>= CURRENT_TIMESTAMP - INTERVAL '7' DAY]"),
          plan);
    }
    assertEquals(0, server.getRequestCount());
  }

  @Test void betweenStopsAtItsLowerEndAndFiltersItsUpperEndLocally() throws Exception {
    String sql = "select id from conversations where account_id = 'b'"
        + " and last_activity_at between " + literal(lastActivityOf("b-c120"))
        + " and " + literal(lastActivityOf("b-c118")) + " order by last_activity_at desc";
    assertEquals(List.of("b-c118", "b-c119", "b-c120"), queries.checkedRows(sql));
    assertPages("b", 2, queries.requests());
  }

  @Test void anUpperBoundAloneIsFilteredLocally() throws Exception {
    String sql = "select count(*) from conversations where account_id = 'c'"
        + " and last_activity_at < " + literal(lastActivityOf("c-c10"));
    assertEquals(List.of("489"), queries.checkedRows(sql));
    assertEquals(5, queries.requests().size());
    try (Connection c = Jdbc.connect(server)) {
      assertFalse(Jdbc.explain(c, sql).contains("lastActivityAt"));
    }
  }

  @Test void severalAccountsEachStopAtTheBound() throws Exception {
    String sql = "select account_id, count(*) from conversations"
        + " where account_id in ('a', 'c') and last_activity_at >= "
        + literal(lastActivityOf("a-c120")) + " group by account_id order by account_id";
    assertEquals(List.of("a; 121", "c; 120"), queries.checkedRows(sql));
    List<Map<String, String>> sent = queries.requests();
    assertPages("a", 2, sent.stream().filter(r -> r.get("accountId").equals("a")).toList());
    assertPages("c", 2, sent.stream().filter(r -> r.get("accountId").equals("c")).toList());
  }

  /** A JDBC timestamp holds a wall clock: the UTC one of {@code at}, as Calcite's TIMESTAMP. */
  private static Timestamp wallClock(Instant at) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
  }

  @Test void aParameterIsReadForEachExecution() throws Exception {
    String sql = "select count(*) from conversations where account_id = 'a'"
        + " and last_activity_at >= ?";
    try (Connection c = Jdbc.connect(server, "pageCacheTtlMs=0");
         PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, wallClock(lastActivityOf("a-c30")));
      assertEquals(List.of("31"), Jdbc.rows(ps.executeQuery()));
      assertEquals(List.of(page("a", 0)), queries.requests());
      ps.setTimestamp(1, wallClock(lastActivityOf("a-c250")));
      assertEquals(List.of("251"), Jdbc.rows(ps.executeQuery()));
      assertPages("a", 3, queries.requests());
      ps.setNull(1, Types.TIMESTAMP);
      assertEquals(List.of("0"), Jdbc.rows(ps.executeQuery()));
      assertEquals(List.of(), queries.requests(), "no row passes a comparison with NULL");
      ps.setString(1, "2024-02-24 12:00:00");
      SQLException e = assertThrows(SQLException.class, () -> Jdbc.rows(ps.executeQuery()));
      assertTrue(e.getMessage().contains("The value of ?0 compared with last_activity_at is a"
          + " java.lang.String, not a TIMESTAMP; bind it with setTimestamp."), e.getMessage());
      assertTrue(Jdbc.explain(c, sql).contains("lastActivityAt=[>= ?0]"));
    }
  }

  @Test void currentTimestampMinusAnIntervalIsEvaluatedOncePerExecution() throws Exception {
    // Calcite's CURRENT_TIMESTAMP is the connection's wall clock (the JVM's zone here); pick
    // an interval that puts the bound 90 seconds older than conversation a-c100.
    long now = System.currentTimeMillis();
    long localNow = now + TimeZone.getDefault().getOffset(now);
    long bound = lastActivityOf("a-c100").toEpochMilli() - 90_000;
    String sql = "select count(*) from conversations where account_id = 'a'"
        + " and last_activity_at >= current_timestamp - interval '"
        + (localNow - bound) / 1000 + "' second(10)";
    assertEquals(List.of("101"), queries.checkedRows(sql));
    assertPages("a", 2, queries.requests());
    try (Connection c = Jdbc.connect(server)) {
      String plan = Jdbc.explain(c, sql);
      assertTrue(plan.contains("lastActivityAt=[>= CURRENT_TIMESTAMP - INTERVAL '"), plan);
    }
  }

  @Test void conversationsJoinedToParticipantsStopAtTheBoundToo() throws Exception {
    String sql = "select c.id, p.participant_id from conversations c join participants p"
        + " on p.conversation_id = c.id and p.account_id = c.account_id"
        + " where c.account_id = 'b' and c.last_activity_at > " + literal(lastActivityOf("b-c3"));
    List<String> rows = queries.run(sql);
    assertEquals(List.of("b-c0; b-c0-p0", "b-c1; b-c1-p0", "b-c1; b-c1-p1", "b-c2; b-c2-p0",
        "b-c2; b-c2-p1", "b-c2; b-c2-p2"), rows);
    assertEquals(List.of(page("b", 0)), queries.requests());
  }

  @Test void withoutNativeOrderTheBoundIsNotPushed() throws Exception {
    try (Connection c = Jdbc.connect(server, "nativeOrder=false")) {
      assertFalse(Jdbc.explain(c, "select id from conversations"
          + " where last_activity_at >= timestamp '2024-02-24 12:00:00'")
          .contains("lastActivityAt"));
    }
  }
}
