package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.FakeInbox.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.QueryAssert;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The requests each messages query shape sends (exact paths and parameters) and its rows. */
class MessagesRequestsTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeInbox inbox = new FakeInbox(List.of("a", "b", "c"), List.of(6, 4, 12));

  @BeforeEach void serve() {
    server.setDispatcher(inbox);
  }

  /** The request for a page of the messages of {@code conversation}. */
  private static String messages(String account, String conversation, int limit, int offset) {
    String page = offset > 0 ? "&continuationToken=" + token(offset).replace("=", "%3D") : "";
    return "/v1/inbox/conversations/" + conversation + "/messages?accountId=" + account
        + "&limit=" + limit + page;
  }

  private static String conversations(String account, int limit) {
    return "/v1/inbox/conversations?accountId=" + account + "&limit=" + limit;
  }

  /** Message ids of the conversations, in that order, each newest first. */
  private List<String> ids(String account, String... conversationIds) {
    List<String> ids = new ArrayList<>();
    for (String c : conversationIds) {
      inbox.messages(account, c).forEach(m -> ids.add((String) m.get("id")));
    }
    return ids;
  }

  /** Runs {@code sql}, returning its first column; then the requests it sent, in order. */
  private List<String> run(String sql, List<String> sent, Object... parameters)
      throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = QueryAssert.on(server).connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      } finally {
        sent.addAll(requests());
      }
    }
    return rows;
  }

  private List<String> requests() throws InterruptedException {
    Requests.awaitDriverIdle();
    List<String> paths = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
      HttpUrl url = r.getUrl();
      assertEquals(FakeInbox.KEY, r.getHeaders().get("X-API-Key"));
      paths.add(url.encodedPath() + "?" + url.encodedQuery());
    }
    return paths;
  }

  @Test void oneConversationIsOneRequest() throws Exception {
    List<String> sent = new ArrayList<>();
    assertEquals(ids("a", "a-c1"), run("select id from messages"
        + " where conversation_id = 'a-c1' and account_id = 'a'", sent));
    assertEquals(List.of(messages("a", "a-c1", 100, 0)), sent);
  }

  @Test void longThreadsArePagedByToken() throws Exception {
    List<String> sent = new ArrayList<>();
    assertEquals(ids("a", "a-c0"), run("select id from messages"
        + " where account_id = 'a' and conversation_id = 'a-c0'", sent));
    assertEquals(List.of(messages("a", "a-c0", 100, 0), messages("a", "a-c0", 100, 100)), sent);
  }

  @Test void limitIsPushed() throws Exception {
    List<String> sent = new ArrayList<>();
    assertEquals(ids("a", "a-c0").subList(0, 5), run("select id from messages"
        + " where account_id = 'a' and conversation_id = 'a-c0' limit 5", sent));
    assertEquals(List.of(messages("a", "a-c0", 5, 0)), sent);
  }

  @Test void inListAndParametersAskForEachConversationOnce() throws Exception {
    List<String> sent = new ArrayList<>();
    List<String> rows = run("select id from messages"
        + " where conversation_id in (?, ?) and account_id = ?", sent, "a-c2", "a-c3", "a");
    assertEquals(ids("a", "a-c2", "a-c3"), rows);
    assertEquals(List.of(messages("a", "a-c2", 100, 0), messages("a", "a-c3", 100, 0)),
        sent.stream().sorted().toList());
  }

  @Test void orOfPairsAsksForExactlyThosePairs() throws Exception {
    List<String> sent = new ArrayList<>();
    List<String> rows = run("select id from messages"
        + " where (conversation_id = 'a-c1' and account_id = 'a')"
        + " or (conversation_id = 'b-c2' and account_id = 'b')", sent);
    List<String> expected = new ArrayList<>(ids("a", "a-c1"));
    expected.addAll(ids("b", "b-c2"));
    assertEquals(expected.stream().sorted().toList(), rows.stream().sorted().toList());
    assertEquals(List.of(messages("a", "a-c1", 100, 0), messages("b", "b-c2", 100, 0)),
        sent.stream().sorted().toList());
  }

  @Test void pairWithAnEmptyAccountNamesNoConversation() throws Exception {
    String sql = "select id from messages where (conversation_id = 'a-c1' and account_id = 'a')"
        + " or (conversation_id = 'b-c2' and account_id = %s)";
    List<String> sent = new ArrayList<>();
    assertEquals(ids("a", "a-c1"), run(String.format(sql, "''"), sent));
    assertEquals(List.of(messages("a", "a-c1", 100, 0)), sent);
    sent.clear();
    assertEquals(ids("a", "a-c1"), run(String.format(sql, "?"), sent, ""));
    assertEquals(List.of(messages("a", "a-c1", 100, 0)), sent);
  }

  @Test void accountAloneListsItsConversationsThenTheirMessages() throws Exception {
    List<String> sent = new ArrayList<>();
    List<String> rows = run("select id from messages where account_id = 'b'", sent);
    List<String> expected = new ArrayList<>();
    List<String> expectedRequests = new ArrayList<>();
    for (String c : inbox.ids("b", 100)) {
      expected.addAll(ids("b", c));
      expectedRequests.add(messages("b", c, 100, 0));
    }
    expectedRequests.add(messages("b", "b-c0", 100, 100));
    assertEquals(expected, rows);
    assertEquals(conversations("b", 100), sent.get(0));
    assertEquals(expectedRequests.stream().sorted().toList(),
        sent.subList(1, sent.size()).stream().sorted().toList());
  }

  @Test void conversationIdWithoutAccountFetchesOnlyThatConversation() throws Exception {
    List<String> sent = new ArrayList<>();
    assertEquals(ids("c", "c-c5"),
        run("select id from messages where conversation_id = 'c-c5'", sent));
    assertEquals(List.of("/v1/inbox/conversations?limit=100", messages("c", "c-c5", 100, 0)),
        sent);
  }

  @Test void joinFetchesMessagesOnlyForConversationsThatPassTheFilters() throws Exception {
    String sql = "select m.id from conversations c join messages m"
        + " on m.conversation_id = c.id and m.account_id = c.account_id"
        + " where c.account_id = 'c' and c.unread_count > 0";
    List<String> unread = inbox.conversations("c").stream()
        .filter(c -> (Integer) c.get("unreadCount") > 0)
        .map(c -> (String) c.get("id")).toList();
    List<String> sent = new ArrayList<>();
    List<String> rows = run(sql, sent);
    assertEquals(ids("c", unread.toArray(String[]::new)), rows);
    List<String> expectedRequests = new ArrayList<>();
    unread.forEach(c -> expectedRequests.add(messages("c", c, 100, 0)));
    assertEquals(conversations("c", 100), sent.get(0));
    assertEquals(expectedRequests.stream().sorted().toList(),
        sent.subList(1, sent.size()).stream().sorted().toList());
    assertTrue(unread.size() < inbox.conversations("c").size());
    QueryAssert.on(server).query(sql).explainContains("SendPilotMessageLookup");
  }

  @Test void tooManyThreadsFailsBeforeTheNextRequest() throws Exception {
    List<String> sent = new ArrayList<>();
    SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection connection = QueryAssert.on(server).with("maxMessageThreads=3").connect();
          ResultSet rs = connection.createStatement()
              .executeQuery("select id from messages where account_id = 'c'")) {
        while (rs.next()) {
          rs.getString(1);
        }
      } finally {
        sent.addAll(requests());
      }
    });
    String message = e.getMessage();
    assertTrue(message.contains("maxMessageThreads=3") && message.contains("conversation_id")
        && message.contains("JOIN"), message);
    assertEquals(conversations("c", 100), sent.get(0));
    assertEquals(4, sent.size(), sent.toString());
  }

  @Test void deletedConversationIsSkipped() throws Exception {
    inbox.withDeletedThread("a-c2");
    List<String> sent = new ArrayList<>();
    assertEquals(ids("a", "a-c1", "a-c3"), run("select id from messages"
        + " where conversation_id in ('a-c1', 'a-c2', 'a-c3') and account_id = 'a'", sent));
    assertEquals(3, sent.size());
  }

  @Test void rowsCarryEveryColumn() throws Exception {
    Map<String, Object> first = inbox.messages("a", "a-c1").get(0);
    List<String> sent = new ArrayList<>();
    assertEquals(List.of(first.get("id") + "|a|a-c1|" + first.get("content") + "|received|"
            + "unread|TEXT|a-c1-p0|Zoë 1|null"),
        run("select id || '|' || account_id || '|' || conversation_id || '|' || content"
            + " || '|' || direction || '|' || read_status || '|' || content_type || '|'"
            + " || sender_id || '|' || sender_name || '|' || coalesce(attachments, 'null')"
            + " from messages where conversation_id = 'a-c1' and account_id = 'a'"
            + " and id = 'a-c1-m0'", sent));
  }
}
