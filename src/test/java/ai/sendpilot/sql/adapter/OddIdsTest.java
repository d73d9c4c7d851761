package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * Conversation ids that could change a request's path (dot segments, '/', '?', '#', escapes
 * that decode to them), named in the SQL, bound as parameters or returned by the API: the
 * server sees each as one literal segment of {@code /v1/inbox/conversations/{id}/messages}, or
 * the query is refused with SQLState 22023 naming the value; no request goes anywhere else.
 */
class OddIdsTest {
  private static final List<String> ODD = List.of("..", "%2e%2e", ".", "a/b", "a?b", "a#b",
      "%2F", "%2E", ".%2e", "%252e%252e", "a\\b", "..;", "a/../b");
  private static final Pattern MESSAGES =
      Pattern.compile("^/v1/inbox/conversations/([^/]+)/messages$");

  @StartStop final MockWebServer server = new MockWebServer();

  /** Conversations with the odd ids (account a); every messages page is empty. */
  private final Dispatcher api = new Dispatcher() {
    @Override public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      String body;
      if (path.equals("/v1/inbox/conversations")) {
        StringBuilder rows = new StringBuilder();
        for (String id : ODD) {
          rows.append(rows.length() == 0 ? "" : ",").append("{\"id\":\"")
              .append(id.replace("\\", "\\\\")).append("\",\"accountId\":\"a\",")
              .append("\"lastActivityAt\":\"2024-02-24T15:30:00Z\"}");
        }
        body = "{\"conversations\":[" + rows + "],\"pagination\":{\"hasMore\":false}}";
      } else if (MESSAGES.matcher(path).matches()) {
        String id = HttpUrl.get("http://h/" + MESSAGES.matcher(path).replaceAll("$1"))
            .pathSegments().get(0);
        body = "{\"conversationId\":\"" + id.replace("\\", "\\\\") + "\",\"messages\":[{\"id\":"
            + "\"m1\",\"content\":\"in " + id.replace("\\", "\\\\") + "\"}],"
            + "\"pagination\":{\"hasMore\":false}}";
      } else {
        return new MockResponse.Builder().code(404).body("{\"message\":\"no\"}").build();
      }
      return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
          .body(body).build();
    }
  };

  /** Every request so far went to one of the two paths, a messages one for a literal id. */
  private List<String> requestedIds() throws InterruptedException {
    List<String> ids = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
      HttpUrl url = r.getUrl();
      String path = url.encodedPath();
      if (path.equals("/v1/inbox/conversations")) {
        continue;
      }
      Matcher m = MESSAGES.matcher(path);
      if (!m.matches()) {
        fail("a request outside the inbox paths: " + r.getRequestLine());
      }
      assertEquals(5, url.pathSegments().size(), r.getRequestLine());
      ids.add(url.pathSegments().get(3));
    }
    return ids;
  }

  /** The content of the messages of {@code id}, or the failure: its SQLState and message. */
  private String messagesOf(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "select content from messages where conversation_id = ? and account_id = 'a'")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return String.join(",", Jdbc.rows(rs));
      }
    } catch (SQLException e) {
      return e.getSQLState() + ": " + e.getMessage();
    }
  }

  private static String refusal(String id) {
    return "22023: conversation_id '" + id + "' cannot name a conversation in a request: it is"
        + " a dot segment ('.' or '..', also once percent-decoded), which would send the"
        + " request to another path of the SendPilot API. SendPilot conversation ids never are;"
        + " check the value.";
  }

  @Test void eachOddIdIsOneLiteralSegmentOrRefused() throws Exception {
    server.setDispatcher(api);
    List<String> sent = new ArrayList<>();
    try (Connection c = Jdbc.connect(server, "requestsPerSecond=1000000000")) {
      for (String id : ODD) {
        String result = messagesOf(c, id);
        List<String> ids = requestedIds();
        boolean dots = List.of("..", "%2e%2e", ".", "%2E", ".%2e", "%252e%252e").contains(id);
        if (dots) {
          assertEquals(refusal(id), result, id);
          assertEquals(List.of(), ids, id);
        } else {
          assertEquals("in " + id, result, id);
          assertEquals(List.of(id), ids, id);
        }
        sent.addAll(ids);
      }
    }
    assertEquals(7, sent.size(), sent.toString());
  }

  @Test void oddIdsInSqlLiteralsAreRefusedToo() throws Exception {
    server.setDispatcher(api);
    try (Connection c = Jdbc.connect(server, "requestsPerSecond=1000000000")) {
      try {
        Jdbc.rows(c, "select content from messages where conversation_id = '..'"
            + " and account_id = 'a'");
        fail("no refusal");
      } catch (SQLException e) {
        assertEquals("22023", e.getSQLState());
        assertEquals(refusal("..").substring(7), e.getMessage());
      }
    }
    assertEquals(List.of(), requestedIds());
  }

  @Test void oddIdsTheApiReturnsNeverLeaveTheInboxPaths() throws Exception {
    server.setDispatcher(api);
    try (Connection c = Jdbc.connect(server, "requestsPerSecond=1000000000")) {
      try {
        Jdbc.rows(c, "select m.content from conversations c join messages m"
            + " on m.conversation_id = c.id and m.account_id = c.account_id");
        fail("no refusal");
      } catch (SQLException e) {
        assertEquals("22023", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("conversation_id '..' cannot name"), e.getMessage());
      }
    }
    // The ids before the first dot segment were read as themselves; nothing went elsewhere.
    requestedIds();
  }

  @Test void anEmptyConversationIdNamesNoConversation() throws Exception {
    server.setDispatcher(new FakeInbox(List.of("a"), List.of(2)));
    try (Connection c = Jdbc.connect(server, "requestsPerSecond=1000000000")) {
      assertEquals("", messagesOf(c, ""));
    }
    assertEquals(List.of(), requestedIds());
  }
}
