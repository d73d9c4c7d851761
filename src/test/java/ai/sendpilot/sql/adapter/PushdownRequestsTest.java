package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.FakeInbox.token;
import static ai.sendpilot.sql.testing.Requests.params;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.QueryAssert;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

  private QueryAssert.AssertQuery query(String sql) {
    return QueryAssert.on(server).query(sql);
  }

  /** The request for the page of {@code account} (null: all) that starts at {@code offset}. */
  private static Map<String, String> page(String account, int limit, int offset) {
    Map<String, String> p = account == null ? params("limit", "" + limit)
        : params("accountId", account, "limit", "" + limit);
    if (offset > 0) {
      p.put("continuationToken", token(offset));
    }
    return p;
  }

  @Test void limitIsPushedIntoOneRequest() {
    query("select id from conversations limit 5")
        .returns(inbox.ids(null, 5))
        .sends(page(null, 5, 0));
  }

  @Test void accountAndLimitAsksForNoMoreRowsThanNeeded() {
    query("select id from conversations where account_id = 'a' limit 250")
        .returns(inbox.ids("a", 250))
        .sends(page("a", 100, 0), page("a", 100, 100), page("a", 50, 200));
  }

  @Test void inListReadsOnlyTheNamedAccountsInPagesOf100() {
    query("select * from conversations where account_id in ('a', 'b')")
        .returnsCount(390)
        .sendsByAccount(page("a", 100, 0), page("a", 100, 100), page("a", 100, 200),
            page("b", 100, 0), page("b", 100, 100));
  }

  @Test void orOfEqualitiesIsPushedLikeIn() {
    query("select id from conversations where account_id = 'c' or account_id = 'b'")
        .returnsUnordered(concat(inbox.ids("b", 1000), inbox.ids("c", 1000)))
        .sendsByAccount(page("b", 100, 0), page("b", 100, 100), page("c", 100, 0));
  }

  @Test void otherConjunctsStayInCalcite() {
    List<String> unread = inbox.conversations("c").stream()
        .filter(m -> ((Integer) m.get("unreadCount")) > 0)
        .map(m -> (String) m.get("id")).toList();
    query("select id from conversations where account_id = 'c' and unread_count > 0")
        .returns(unread)
        .sends(page("c", 100, 0));
  }

  @Test void countStarReadsEveryPageOnce() {
    query("select count(*) from conversations")
        .returns("435")
        .sends(page(null, 100, 0), page(null, 100, 100), page(null, 100, 200),
            page(null, 100, 300), page(null, 100, 400));
  }

  @Test void contradictionSendsNothing() {
    query("select * from conversations where account_id = 'a' and account_id = 'b'")
        .returns()
        .sendsNothing();
  }

  @Test void anEmptyAccountIdNamesNoAccountAndIsNotSent() {
    query("select id from conversations where account_id = ''")
        .returns()
        .sendsNothing();
    query("select id from conversations where account_id in ('', 'c') limit 2")
        .returns(inbox.ids("c", 2))
        .sends(page("c", 2, 0));
  }

  @Test void inIntersectedWithEqualityNarrowsToOneAccount() {
    query("select id from conversations where account_id in ('a', 'c')"
            + " and account_id in ('b', 'c')")
        .returns(inbox.ids("c", 45))
        .sends(page("c", 100, 0));
  }

  @Test void participantsLimitNeedsAtMostThatManyConversations() {
    query("select participant_id from participants where account_id = 'a' limit 7")
        .returns("a-c0-p0", "a-c1-p0", "a-c1-p1", "a-c2-p0", "a-c2-p1", "a-c2-p2", "a-c3-p0")
        .sends(page("a", 7, 0));
  }

  @Test void joinOnIdAndAccountFiltersBothScans() {
    int expected = inbox.conversations("c").stream()
        .mapToInt(m -> ((List<?>) m.get("participants")).size()).sum();
    query("select c.id, p.name from conversations c join participants p"
            + " on c.id = p.conversation_id and c.account_id = p.account_id"
            + " where c.account_id = 'c'")
        .returnsCount(expected)
        .sends(page("c", 100, 0));
  }

  @Test void offsetIsAddedToThePushedLimit() {
    query("select id from conversations limit 5 offset 3")
        .returns(inbox.ids(null, 8).subList(3, 8))
        .sends(page(null, 8, 0));
  }

  @Test void unpushableOrFallsBackToAFullScanWithCorrectRows() {
    List<String> expected = inbox.conversations(null).stream()
        .filter(m -> m.get("accountId").equals("a") || ((Integer) m.get("unreadCount")) == 3)
        .map(m -> (String) m.get("id")).toList();
    query("select id from conversations where account_id = 'a' or unread_count = 3")
        .returns(expected)
        .sends(page(null, 100, 0), page(null, 100, 100), page(null, 100, 200),
            page(null, 100, 300), page(null, 100, 400));
  }

  @Test void notEqualIsNotPushed() {
    query("select id from conversations where account_id <> 'a'")
        .returns(inbox.conversations(null).stream().filter(m -> !m.get("accountId").equals("a"))
            .map(m -> (String) m.get("id")).toList())
        .sends(page(null, 100, 0), page(null, 100, 100), page(null, 100, 200),
            page(null, 100, 300), page(null, 100, 400));
  }

  @Test void likeIsNotPushed() {
    query("select id from conversations where account_id like 'a%'")
        .returns(inbox.ids("a", 1000))
        .sends(page(null, 100, 0), page(null, 100, 100), page(null, 100, 200),
            page(null, 100, 300), page(null, 100, 400));
  }

  @Test void orderByWithLimitIsNotMistakenForAPlainLimit() {
    query("select id from conversations where account_id = 'c' order by id limit 3")
        .returns(inbox.ids("c", 1000).stream().sorted().limit(3).toList())
        .sends(page("c", 100, 0));
  }

  @Test void valuesAreEncodedAndSentVerbatim() {
    query("select * from conversations where account_id = 'a&limit=1'")
        .returns()
        .sends(params("accountId", "a&limit=1", "limit", "100"));
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }
}
