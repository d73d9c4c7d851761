package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 22's wrong rows from the pushdowns, each checked against rows computed from the inbox
 * itself and against the same query sorted and filtered locally ({@code nativeOrder=false}):
 * a newest-first LIMIT inside a sub-query over several accounts (the limit needs the order
 * even where nothing above asks for it), window functions in an input of the rewritten joins
 * (computed over that input's rows, never over the joined rows), and a time window with
 * contradictory account filters across the participants join (which never finished planning).
 */
class RewriteSafetyTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeInbox inbox = new FakeInbox(List.of("a", "b", "c"), List.of(10, 5, 4));
  private final InboxQueries queries = new InboxQueries(server);

  @BeforeEach void serve() {
    server.setDispatcher(inbox);
  }

  /** Ids of the newest {@code n} conversations of {@code accounts} together. */
  private List<String> newest(int n, String... accounts) {
    List<String> wanted = List.of(accounts);
    return inbox.conversations(null).stream().map(c -> (String) c.get("id"))
        .filter(id -> wanted.contains(id.substring(0, id.indexOf('-')))).limit(n).toList();
  }

  private static List<String> sorted(List<String> rows) {
    return rows.stream().sorted().toList();
  }

  /**
   * The rows of {@code sql} (sorted: the query fixes no order), the same as those of the query
   * sorted and filtered locally.
   */
  private List<String> unordered(String sql) throws Exception {
    List<String> rows = sorted(queries.run(sql));
    assertEquals(sorted(queries.run(sql, "nativeOrder=false")), rows, sql);
    return rows;
  }

  @Test void newestFirstLimitOfSeveralAccountsInASubQueryKeepsTheNewestRows() throws Exception {
    String sql = "select max(id), min(id), count(*) from (select id from conversations"
        + " where account_id in ('a', 'b') order by last_activity_at desc limit 7) t";
    List<String> newest = sorted(newest(7, "a", "b"));
    assertEquals(List.of(newest.get(6) + "; " + newest.get(0) + "; 7"), queries.checkedRows(sql));
    String plan = queries.explain(sql);
    assertTrue(plan.contains("SendPilotToEnumerableConverter(accountIds=[a, b], limit=[7],"
        + " newestFirst=[true])"), plan);
  }

  @Test void newestFirstLimitInScalarInAndUnionSubQueries() throws Exception {
    assertEquals(List.of(newest(2, "b", "c").get(1)), queries.checkedRows("select id from"
        + " conversations where last_activity_at = (select last_activity_at from conversations"
        + " where account_id in ('c', 'b') order by last_activity_at desc limit 1 offset 1)"));
    assertEquals(sorted(newest(4, "a", "b")), unordered("select id from"
        + " conversations where id in (select id from conversations where account_id"
        + " in ('a', 'b') order by last_activity_at desc limit 4)"));
    List<String> union = new ArrayList<>(newest(3, "a", "c"));
    union.addAll(newest(2, "b", "c"));
    assertEquals(sorted(union), unordered("select id from (select id from"
        + " conversations where account_id in ('a', 'c') order by last_activity_at desc limit 3)"
        + " union all select id from (select id from conversations where account_id in"
        + " ('b', 'c') order by last_activity_at desc limit 2)"));
  }

  @Test void newestFirstLimitWithParametersInASubQuery() throws Exception {
    String sql = "select count(*), max(id) from (select id from conversations"
        + " where account_id in (?, ?) order by last_activity_at desc limit ?) t";
    try (Connection c = Jdbc.connect(server);
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int n : new int[] {5, 8}) {
        s.setString(1, "b");
        s.setString(2, "a");
        s.setInt(3, n);
        List<String> newest = sorted(newest(n, "a", "b"));
        assertEquals(List.of(n + "; " + newest.get(n - 1)), Jdbc.rows(s.executeQuery()));
      }
    }
  }

  @Test void newestFirstLimitJoinedToMessagesReadsTheNewestConversations() throws Exception {
    List<String> expected = newest(3, "a", "b").stream()
        .map(id -> id + "; " + inbox.messages(id.substring(0, 1), id).size()).sorted().toList();
    assertEquals(expected, unordered("select t.id, count(*) from messages m"
        + " join (select id, account_id from conversations where account_id in ('a', 'b')"
        + " order by last_activity_at desc limit 3) t on m.conversation_id = t.id"
        + " and m.account_id = t.account_id group by t.id"));
  }

  @Test void windowInTheConversationsSideIsComputedOverConversations() throws Exception {
    String sql = "select w.id, w.n, p.participant_id from (select c.id, c.account_id,"
        + " count(*) over (partition by c.account_id) as n from conversations c"
        + " where c.account_id = 'a') w join participants p on p.conversation_id = w.id"
        + " and p.account_id = w.account_id where w.id = 'a-c5'";
    int n = inbox.conversations("a").size();
    assertEquals(List.of("a-c5; " + n + "; a-c5-p0", "a-c5; " + n + "; a-c5-p1",
        "a-c5; " + n + "; a-c5-p2"), unordered(sql));
    String plan = queries.explain(sql);
    assertTrue(plan.indexOf("EnumerableWindow") > plan.indexOf("Join"), plan);
  }

  @Test void rowNumberInTheConversationsSideKeepsEveryParticipant() throws Exception {
    List<String> expected = new ArrayList<>();
    for (String account : List.of("a", "b", "c")) {
      for (Map<String, Object> c : inbox.conversations(account).subList(0, 2)) {
        for (Object p : (List<?>) c.get("participants")) {
          expected.add(c.get("id") + "; " + ((Map<?, ?>) p).get("id"));
        }
      }
    }
    assertEquals(sorted(expected), unordered("select w.id, p.participant_id"
        + " from (select c.id, c.account_id, row_number() over (partition by c.account_id"
        + " order by c.last_activity_at desc) rn from conversations c) w join participants p"
        + " on p.conversation_id = w.id and p.account_id = w.account_id where w.rn <= 2"));
  }

  @Test void nonDeterministicValueOfAConversationIsTheSameForEachParticipant() throws Exception {
    List<String> rows = queries.run("select w.r, p.participant_id from (select c.id,"
        + " c.account_id, rand() as r from conversations c where c.account_id = 'a') w"
        + " join participants p on p.conversation_id = w.id and p.account_id = w.account_id"
        + " where w.id = 'a-c5'");
    assertEquals(3, rows.size());
    assertEquals(1, rows.stream().map(r -> r.substring(0, r.indexOf(';'))).distinct().count(),
        rows.toString());
  }

  @Test void windowInTheParticipantsSidePlansAndCountsParticipants() throws Exception {
    int participants = inbox.conversations(null).stream()
        .mapToInt(c -> ((List<?>) c.get("participants")).size()).sum();
    List<String> rows = unordered("select d.wv from conversations c join (select"
        + " p.conversation_id cid, p.account_id acc, count(*) over () wv from participants p) d"
        + " on d.cid = c.id and d.acc = c.account_id");
    assertEquals(participants, rows.size());
    assertEquals(List.of(String.valueOf(participants)), rows.stream().distinct().toList());
    Map<String, Long> perAccount = inbox.conversations(null).stream().collect(
        Collectors.groupingBy(c -> (String) c.get("accountId"),
            Collectors.summingLong(c -> ((List<?>) c.get("participants")).size())));
    assertEquals(List.of("a-c4; " + perAccount.get("a")), unordered("select c.id, d.wv"
        + " from conversations c join (select p.conversation_id cid, p.account_id acc,"
        + " p.participant_id pid, count(*) over (partition by p.account_id) wv from participants"
        + " p) d on d.cid = c.id and d.acc = c.account_id where d.pid = 'a-c4-p0'"));
  }

  @Test void windowInTheMessagesSideIsComputedOverMessages() throws Exception {
    int messagesOfB = inbox.conversations("b").stream()
        .mapToInt(c -> inbox.messages("b", (String) c.get("id")).size()).sum();
    int rows = inbox.messages("b", "b-c1").size();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      expected.add("b-c1; " + messagesOfB);
    }
    assertEquals(expected, unordered("select c.id, m.n from conversations c join"
        + " (select account_id, conversation_id, count(*) over (partition by account_id) n"
        + " from messages) m on m.conversation_id = c.id and m.account_id = c.account_id"
        + " where c.id = 'b-c1'"));
  }

  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @Test void contradictoryAccountsInATimeWindowPlanAndReturnNothing() throws Exception {
    String sql = "select c.id, p.participant_id from conversations c join participants p"
        + " on p.conversation_id = c.id and c.account_id = p.account_id"
        + " where c.account_id in ('a', 'b') and c.last_activity_at >= timestamp"
        + " '2024-02-24 15:05:32.094' and p.account_id = 'c'";
    assertEquals(List.of(), queries.run(sql));
    assertEquals(List.of(), queries.requests());
    assertEquals(List.of(), queries.run(sql, "nativeOrder=false"));
    String leftJoin = "select c.id, p.participant_id from conversations c left join"
        + " participants p on p.conversation_id = c.id and c.account_id = p.account_id"
        + " and c.last_activity_at >= timestamp '2024-02-24 15:05:32.094'"
        + " and p.account_id = 'c' and c.unread_count >= 0 where c.account_id in ('a', 'b')";
    List<String> expected = newest(15, "a", "b").stream().map(id -> id + "; null").sorted()
        .toList();
    assertEquals(expected, unordered(leftJoin));
  }
}
