package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.FakeInbox.token;
import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.QueryAssert;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Pages are shared within a statement, across statements within the TTL, and fetched in
 * parallel.
 */
class PageSharingTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeInbox inbox = new FakeInbox(List.of("a", "b", "c"), List.of(150, 40, 90));

  @Test void selfJoinReadsTheAccountOnce() {
    server.setDispatcher(inbox);
    QueryAssert.on(server).with("pageCacheTtlMs=0")
        .query("select count(*) from conversations x"
            + " join conversations y on x.id = y.id and x.account_id = y.account_id"
            + " where x.account_id = 'a'")
        .returns("150")
        .sends(params("accountId", "a", "limit", "100"),
            params("accountId", "a", "limit", "100", "continuationToken", token(100)));
  }

  @Test void laterStatementsReuseFreshPages() throws Exception {
    server.setDispatcher(inbox);
    try (Connection c = QueryAssert.on(server).connect()) {
      assertEquals(List.of("90"), Jdbc.rows(c,
          "select count(*) from conversations where account_id = 'c'"));
      assertEquals(List.of(params("accountId", "c", "limit", "100")), Requests.take(server, 1));
      assertEquals(List.of("90"), Jdbc.rows(c,
          "select count(distinct conversation_id) from participants where account_id = 'c'"));
      assertEquals(List.of(), Requests.take(server, 0));
    }
  }

  @Test void aZeroTtlFetchesAgainForEveryStatement() throws Exception {
    server.setDispatcher(inbox);
    String sql = "select count(*) from conversations where account_id = 'c'";
    try (Connection c = QueryAssert.on(server).with("pageCacheTtlMs=0").connect()) {
      for (int statement = 0; statement < 2; statement++) {
        assertEquals(List.of("90"), Jdbc.rows(c, sql));
        assertEquals(List.of(params("accountId", "c", "limit", "100")),
            Requests.take(server, 1));
      }
    }
  }

  @Test void theCacheCanBeSwitchedOffEntirely() {
    server.setDispatcher(inbox);
    QueryAssert.on(server).with("pageCacheMaxConversations=0")
        .query("select count(*) from conversations x join conversations y"
            + " on x.id = y.id and x.account_id = y.account_id where x.account_id = 'c'")
        .returns("90")
        .sends(params("accountId", "c", "limit", "100"),
            params("accountId", "c", "limit", "100"));
  }

  @Test void severalAccountsAreFetchedAtTheSameTime() {
    CountDownLatch allThree = new CountDownLatch(3);
    Set<String> concurrent = ConcurrentHashMap.newKeySet();
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request)
          throws InterruptedException {
        if (request.getUrl().queryParameter("continuationToken") == null) {
          allThree.countDown();
          if (allThree.await(Requests.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            concurrent.add(request.getUrl().queryParameter("accountId"));
          }
        }
        return inbox.dispatch(request);
      }
    });
    QueryAssert.on(server)
        .query("select count(*) from conversations where account_id in ('a', 'b', 'c')")
        .returns("280")
        .sendsByAccount(params("accountId", "a", "limit", "100"),
            params("accountId", "a", "limit", "100", "continuationToken", token(100)),
            params("accountId", "b", "limit", "100"),
            params("accountId", "c", "limit", "100"));
    assertEquals(Set.of("a", "b", "c"), concurrent, "first pages that waited for each other");
  }
}
