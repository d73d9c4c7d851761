package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
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

  @Test void selfJoinReadsTheAccountOnce() throws Exception {
    server.setDispatcher(inbox);
    try (Connection c = Jdbc.connect(server, "pageCacheTtlMs=0")) {
      assertEquals(List.of("150"), Jdbc.rows(c, "select count(*) from conversations x"
          + " join conversations y on x.id = y.id and x.account_id = y.account_id"
          + " where x.account_id = 'a'"));
    }
    assertEquals(List.of(params("accountId", "a", "limit", "100"),
        params("accountId", "a", "limit", "100")), withoutTokens(Requests.drain(server)));
  }

  @Test void laterStatementsReuseFreshPages() throws Exception {
    server.setDispatcher(inbox);
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(List.of("90"), Jdbc.rows(c,
          "select count(*) from conversations where account_id = 'c'"));
      assertEquals(List.of("90"), Jdbc.rows(c,
          "select count(distinct conversation_id) from participants where account_id = 'c'"));
    }
    assertEquals(1, server.getRequestCount());
  }

  @Test void aZeroTtlFetchesAgainForEveryStatement() throws Exception {
    server.setDispatcher(inbox);
    try (Connection c = Jdbc.connect(server, "pageCacheTtlMs=0")) {
      Jdbc.rows(c, "select count(*) from conversations where account_id = 'c'");
      Jdbc.rows(c, "select count(*) from conversations where account_id = 'c'");
    }
    assertEquals(2, server.getRequestCount());
  }

  @Test void theCacheCanBeSwitchedOffEntirely() throws Exception {
    server.setDispatcher(inbox);
    try (Connection c = Jdbc.connect(server, "pageCacheMaxConversations=0")) {
      Jdbc.rows(c, "select count(*) from conversations x join conversations y"
          + " on x.id = y.id and x.account_id = y.account_id where x.account_id = 'c'");
    }
    assertEquals(2, server.getRequestCount());
  }

  @Test void severalAccountsAreFetchedAtTheSameTime() throws Exception {
    CountDownLatch allThree = new CountDownLatch(3);
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request)
          throws InterruptedException {
        if (request.getUrl().queryParameter("continuationToken") == null) {
          allThree.countDown();
          assertTrue(allThree.await(10, TimeUnit.SECONDS), "first pages were not concurrent");
        }
        return inbox.dispatch(request);
      }
    });
    try (Connection c = Jdbc.connect(server, "requestsPerSecond=1000")) {
      assertEquals(List.of("280"), Jdbc.rows(c, "select count(*) from conversations"
          + " where account_id in ('a', 'b', 'c')"));
    }
    assertEquals(0, allThree.getCount());
  }

  private static List<Map<String, String>> withoutTokens(List<Map<String, String>> requests) {
    requests.forEach(r -> r.remove("continuationToken"));
    return requests;
  }
}
