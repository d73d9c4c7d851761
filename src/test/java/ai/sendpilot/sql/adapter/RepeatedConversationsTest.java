package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.QueryAssert;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * An API whose pages repeat conversations (alternating pages, repeats far from where they first
 * came): within a scan each conversation comes once, DISTINCT and GROUP BY never show a key
 * twice, and an API that keeps repeating ends the scan with an error naming the request.
 */
class RepeatedConversationsTest {
  private static final Instant NEWEST = Instant.parse("2024-02-24T15:30:00.000Z");

  @StartStop final MockWebServer server = new MockWebServer();

  /** Conversation {@code i} of account a, one minute older per index. */
  private static String conversation(int i) {
    return "{\"id\":\"c" + i + "\",\"accountId\":\"a\",\"lastActivityAt\":\""
        + NEWEST.minusSeconds(60L * i) + "\",\"participants\":[{\"id\":\"p" + i + "\"}]}";
  }

  /**
   * Page n (from 1) holds the conversations {@code pages.apply(n)}; a fresh token each time,
   * until {@code last} (0: never).
   */
  private static Dispatcher pages(IntFunction<List<Integer>> pages, int last) {
    AtomicInteger served = new AtomicInteger();
    return new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        int n = served.incrementAndGet();
        int limit = Integer.parseInt(request.getUrl().queryParameter("limit"));
        String rows = pages.apply(n).stream().limit(limit)
            .map(RepeatedConversationsTest::conversation).collect(Collectors.joining(","));
        boolean more = last == 0 || n < last;
        String body = "{\"conversations\":[" + rows + "],\"pagination\":{\"continuationToken\":"
            + (more ? "\"fresh-" + n + "\"" : "null") + ",\"hasMore\":" + more + "}}";
        return new MockResponse.Builder().code(200).addHeader("Content-Type",
            "application/json").body(body).build();
      }
    };
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }

  /** Two contents, c0..c4 and c5..c9, page after page, each with a fresh token. */
  private static Dispatcher alternating() {
    return pages(n -> n % 2 == 1 ? range(0, 5) : range(5, 10), 0);
  }

  @Test void alternatingPagesEndTheScanWithAnErrorNamingTheRequest() {
    server.setDispatcher(alternating());
    QueryAssert.AssertQuery q = QueryAssert.on(server)
        .query("select distinct id from (select id from conversations limit 30)");
    String message = q.failure().getMessage();
    assertEquals("HY000", q.failure().getSQLState());
    assertTrue(message.contains("SendPilot API request GET /v1/inbox/conversations?limit=20"
        + "&continuationToken=fresh-11 answered HTTP 200 with no new conversation and"
        + " hasMore=true, 10 pages in a row; stopping at maxEmptyPages=10 instead of paging"
        + " forever. The pages repeated conversations this scan had already returned (50"
        + " repeats dropped): the API pages inconsistently."), message);
    assertEquals(12, q.requests().size());
  }

  @Test void groupByOverAlternatingPagesNeverListsAnIdTwice() {
    server.setDispatcher(alternating());
    QueryAssert.on(server).query("select id, count(*) from conversations group by id")
        .failsWith("HY000", "repeats dropped");
  }

  @Test void rowsBeforeTheErrorAreEachConversationOnce() throws Exception {
    server.setDispatcher(alternating());
    List<String> ids = new ArrayList<>();
    try (Connection c = Jdbc.connect(server, "requestsPerSecond=1000000000");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id from conversations limit 30")) {
      SQLException e = assertThrows(SQLException.class, () -> {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      });
      assertTrue(e.getMessage().contains("repeats dropped"), e.getMessage());
    }
    // Calcite reads a row ahead, so the last row may not be handed out before the error.
    assertEquals(range(0, ids.size()).stream().map(i -> "c" + i).toList(), ids);
    assertTrue(ids.size() >= 9, ids.toString());
  }

  /**
   * Each page holds four new conversations, then repeats of every page before it (as many as
   * the request's limit leaves room for); six pages.
   */
  private static Dispatcher repeatingFarBack() {
    return pages(n -> {
      List<Integer> page = new ArrayList<>(range(4 * (n - 1), 4 * n));
      for (int earlier = 0; earlier < 4 * (n - 1); earlier += 3) {
        page.add(earlier);
      }
      return page;
    }, 6);
  }

  @Test void repeatsAnywhereInTheStreamAreDropped() {
    server.setDispatcher(repeatingFarBack());
    List<String> all = range(0, 24).stream().map(i -> "c" + i).sorted().toList();
    QueryAssert.on(server).with("pageSize=20")
        .query("select distinct id from (select id from conversations limit 30) order by id")
        .returns(all);
  }

  @Test void groupByAndDistinctSeeEachConversationOnce() throws Exception {
    for (String sql : List.of("select id from conversations group by id",
        "select distinct id from (select id from conversations limit 30)",
        "select distinct id, account_id from conversations",
        "select id from conversations")) {
      server.setDispatcher(repeatingFarBack());
      try (Connection c = Jdbc.connect(server, "requestsPerSecond=1000000000", "pageSize=20")) {
        List<String> rows = Jdbc.rows(c, sql);
        Set<String> distinct = new HashSet<>(rows);
        assertEquals(24, rows.size(), sql + ": " + rows);
        assertEquals(24, distinct.size(), sql + ": " + rows);
      }
    }
  }

  @Test void aConversationOfAnotherAccountFailsTheScan() {
    server.setDispatcher(pages(n -> range(0, 3), 1));
    QueryAssert.on(server).query("select id from conversations where account_id = 'b'")
        .failsWith("HY000", "SendPilot API request GET /v1/inbox/conversations?accountId=b"
            + "&limit=100 returned conversation c0 of account a when asked for the"
            + " conversations of account b; refusing the page");
  }
}
