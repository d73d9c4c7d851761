package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * A messages page is taken only for the conversation it was asked for, and each message comes
 * once: a page of another conversation fails the scan, naming the request; repeated messages
 * are dropped, and an API that keeps repeating them ends the scan.
 */
class ForeignMessagesTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private static MockResponse page(String conversationId, String messages, String next) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"conversationId\":" + conversationId + ",\"messages\":[" + messages
            + "],\"pagination\":{\"hasMore\":" + (next != null) + ",\"continuationToken\":"
            + (next == null ? "null" : "\"" + next + "\"") + "}}").build();
  }

  private static String message(int i) {
    return "{\"id\":\"m" + i + "\",\"content\":\"text " + i + "\",\"sentAt\":\""
        + Instant.parse("2024-02-24T15:30:00Z").minusSeconds(i) + "\"}";
  }

  private void serve(IntFunction<MockResponse> pages) {
    AtomicInteger served = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        return pages.apply(served.incrementAndGet());
      }
    });
  }

  private static final String SQL = "select id from messages where conversation_id = 'c1'"
      + " and account_id = 'a'";

  private List<String> rows() throws SQLException {
    try (Connection c = Jdbc.connect(server, "requestsPerSecond=1000000000")) {
      return Jdbc.rows(c, SQL);
    }
  }

  private void failsWith(String part) {
    SQLException e = assertThrows(SQLException.class, this::rows);
    assertEquals("HY000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @Test void aPageOfAnotherConversationFailsTheScan() {
    serve(n -> page("\"c2\"", message(1), null));
    failsWith("SendPilot API request GET /v1/inbox/conversations/c1/messages"
        + "?accountId=a&limit=100 answered with the messages of conversation c2 when asked for"
        + " those of conversation c1; refusing the page rather than return messages of another"
        + " conversation.");
  }

  @Test void aPageWithoutAConversationIdIsTakenAsAsked() throws Exception {
    serve(n -> page("null", message(1), null));
    assertEquals(List.of("m1"), rows());
  }

  @Test void repeatedMessagesAreDropped() throws Exception {
    serve(n -> n == 1 ? page("\"c1\"", message(1) + "," + message(2), "t1")
        : page("\"c1\"", message(1) + "," + message(3) + "," + message(2), null));
    assertEquals(List.of("m1", "m2", "m3"), rows());
  }

  @Test void alternatingMessagePagesEndTheScan() {
    serve(n -> page("\"c1\"", n % 2 == 1 ? message(1) : message(2), "t" + n));
    failsWith("answered HTTP 200 with no message and hasMore=true, 10 pages"
        + " in a row; stopping at maxEmptyPages=10");
  }
}
