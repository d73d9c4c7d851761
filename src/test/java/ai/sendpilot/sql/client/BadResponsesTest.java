package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Malformed or odd API responses fail loudly with a useful message, or are read exactly. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadResponsesTest {
  private static final String ALL = "select id, account_id, unread_count from conversations";
  private static final String FIRST_PAGE = "GET /v1/inbox/conversations?limit=100";

  @StartStop final MockWebServer server = new MockWebServer();

  // ---- helpers

  /** JSON written with single quotes, for readability. */
  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static String conversation(String id) {
    return json("{'id':'" + id + "','accountId':'a','unreadCount':1}");
  }

  private static String page(String token, String... conversations) {
    String pagination = token == null ? "{'continuationToken':null,'hasMore':false}"
        : "{'continuationToken':'" + token + "','hasMore':true}";
    return json("{'conversations':[") + String.join(",", conversations) + json("],'pagination':"
        + pagination + "}");
  }

  private void answer(int status, String body) {
    server.enqueue(new MockResponse.Builder().code(status)
        .addHeader("Content-Type", "application/json").body(body).build());
  }

  private void answer(int status, byte[] body) {
    server.enqueue(new MockResponse.Builder().code(status)
        .addHeader("Content-Type", "application/json").body(new Buffer().write(body)).build());
  }

  /** The whole text of the SQLException {@code sql} fails with, cause chain included. */
  private String failure(String sql, String... settings) throws SQLException {
    return everything(sqlFailure(sql, settings));
  }

  /** The SQLException {@code sql} fails with; its text, causes included, never has the key. */
  private SQLException sqlFailure(String sql, String... settings) throws SQLException {
    List<String> all = new ArrayList<>(List.of("maxAttempts=2"));
    all.addAll(List.of(settings));
    try (Connection c = Jdbc.connect(server, all.toArray(new String[0]))) {
      SQLException e = assertThrows(SQLException.class, () -> Jdbc.rows(c, sql));
      String text = everything(e);
      assertFalse(text.contains(FakeInbox.KEY), () -> messages(text));
      return e;
    }
  }

  private List<String> rows(String sql) throws SQLException {
    try (Connection c = Jdbc.connect(server, "maxAttempts=2")) {
      return Jdbc.rows(c, sql);
    }
  }

  private static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static void assertContains(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), () -> "expected «" + part + "» in: " + messages(text));
    }
  }

  /** The exception lines of a stack trace, without its frames. */
  private static String messages(String stackTrace) {
    return stackTrace.lines().filter(l -> !l.startsWith("\t"))
        .collect(Collectors.joining("\n"));
  }

  private ConversationStream stream() {
    SendPilotClient client = new SendPilotClient(ClientConfig.builder()
        .baseUrl(Jdbc.baseUrl(server)).apiKey(ApiKey.of(FakeInbox.KEY)).pageSize(5)
        .maxAttempts(2).build());
    return new ConversationStream(client, null, FetchBudget.UNLIMITED, c -> 1, false,
        CallControl.NONE);
  }

  private static List<String> ids(ConversationStream stream) {
    List<String> ids = new ArrayList<>();
    while (stream.hasNext()) {
      ids.add(stream.next().id());
    }
    return ids;
  }

  // ---- responses that must fail

  @Test void truncatedJsonFails() throws Exception {
    answer(200, json("{'conversations':[{'id':'c1','accountId':'a'},{'id':'c2','acc"));
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with a"
        + " body the driver cannot read (Unexpected end-of-input",
        json("body: {'conversations':[{'id':'c1','accountId':'a'},{'id':'c2','acc"));
    assertEquals(1, server.getRequestCount());
  }

  @Test void wrongFieldTypeFails() throws Exception {
    answer(200, page(null, json("{'id':'c1','accountId':'a','unreadCount':'abc'}")));
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with a"
        + " body the driver cannot read (Cannot deserialize value of type `java.lang.Integer`"
        + " from String \"abc\"", json("body: {'conversations':[{'id':'c1'"));
  }

  @Test void missingConversationsFails() throws Exception {
    answer(200, json("{'items':[],'pagination':{'hasMore':false}}"));
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with a"
        + " body the driver cannot read (Missing required creator property 'conversations'",
        json("body: {'items':[],'pagination':{'hasMore':false}}"));
  }

  @Test void nullConversationsFails() throws Exception {
    answer(200, json("{'conversations':null,'pagination':{'hasMore':false}}"));
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with a"
        + " body the driver cannot read (Invalid `null` value encountered for property"
        + " \"conversations\")", json("body: {'conversations':null,"));
  }

  @Test void conversationsAsAnObjectFails() throws Exception {
    answer(200, json("{'conversations':{'id':'c1'},'pagination':{'hasMore':false}}"));
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with a"
        + " body the driver cannot read (Cannot deserialize value of type"
        + " `java.util.ArrayList<ai.sendpilot.sql.client.Conversation>` from Object value",
        json("body: {'conversations':{'id':'c1'}"));
  }

  @Test void conversationsAsAStringFails() throws Exception {
    answer(200, json("{'conversations':'none','pagination':{'hasMore':false}}"));
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with a"
        + " body the driver cannot read (Cannot deserialize value of type"
        + " `java.util.ArrayList<ai.sendpilot.sql.client.Conversation>` from String value",
        json("body: {'conversations':'none'"));
  }

  @Test void htmlWith200Fails() throws Exception {
    answer(200, "<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>");
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with a"
        + " body the driver cannot read (Unexpected character ('<' (code 60))",
        "body: <!DOCTYPE html> <html><head><title>Sign in</title></head></html>");
  }

  @Test void htmlWith502FailsAfterTheRetries() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
            .body("<html>\n<body><h1>502 Bad Gateway</h1></body>\n</html>").build();
      }
    });
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + " failed with HTTP 502:"
        + " <html> <body><h1>502 Bad Gateway</h1></body> </html> (gave up after 2 attempts)");
    assertEquals(2, server.getRequestCount());
  }

  @Test void emptyBodyWith200Fails() throws Exception {
    answer(200, "");
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with a"
        + " body the driver cannot read (No content to map due to end-of-input); body:"
        + " (empty body)");
  }

  @Test void invalidUtf8Fails() throws Exception {
    Buffer body = new Buffer().writeUtf8(json("{'conversations':[{'id':'c"))
        .write(new byte[] {(byte) 0xC3, 0x28})
        .writeUtf8(json("','accountId':'a'}],'pagination':{'hasMore':false}}"));
    answer(200, body.readByteArray());
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with a"
        + " body the driver cannot read (Invalid UTF-8 middle byte 0x28",
        json("body: {'conversations':[{'id':'c"));
  }

  @Test void hasMoreWithoutTokenFails() throws Exception {
    answer(200, json("{'conversations':[{'id':'c1','accountId':'a'}],"
        + "'pagination':{'hasMore':true}}"));
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with"
        + " hasMore=true but no continuationToken, so the rest of the result cannot be"
        + " fetched; refusing to return a truncated result.");
    assertEquals(1, server.getRequestCount());
  }

  @Test void repeatedContinuationTokenIsAPagingLoop() throws Exception {
    answer(200, page("t1", conversation("c1")));
    answer(200, page("t1", conversation("c2")));
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + "&continuationToken=t1"
        + " answered HTTP 200 with continuationToken 't1', which it had already returned for"
        + " this scan (a paging loop) after 2 pages of all accounts; stopping instead of"
        + " looping forever.");
    assertEquals(2, server.getRequestCount());
  }

  @Test void nonJsonErrorBodyIsQuoted() throws Exception {
    server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "text/plain")
        .body("limit: must be a number\n").build());
    String text = failure(ALL);
    assertContains(text, "SendPilot API request " + FIRST_PAGE + " failed with HTTP 400:"
        + " limit: must be a number");
    assertEquals(1, server.getRequestCount());
  }

  @Test void duplicateKeysFail() throws Exception {
    answer(200, json("{'conversations':[{'id':'c1','accountId':'a'}],"
        + "'conversations':[{'id':'c2','accountId':'a'}],'pagination':{'hasMore':false}}"));
    assertContains(failure(ALL), "SendPilot API request " + FIRST_PAGE + " answered HTTP 200"
        + " with a body the driver cannot read (Duplicate field 'conversations')");
    answer(200, page(null, json("{'id':'c1','accountId':'a','id':'c2'}")));
    assertContains(failure(ALL), "SendPilot API request " + FIRST_PAGE + " answered HTTP 200"
        + " with a body the driver cannot read (Duplicate field 'id')");
  }

  @Test void fractionalCountFails() throws Exception {
    answer(200, page(null, json("{'id':'c1','accountId':'a','unreadCount':1.9}")));
    assertContains(failure(ALL), "SendPilot API request " + FIRST_PAGE + " answered HTTP 200"
        + " with a body the driver cannot read (Cannot coerce Floating-point value (1.9) to"
        + " `java.lang.Integer` value");
  }

  @Test void timestampsBeyondYear9999Fail() throws Exception {
    for (String at : List.of("+99999-01-01T00:00:00Z", "+10000-01-01T00:00:00.000Z",
        "-0001-12-31T00:00:00Z", "+1000000000-01-01T00:00:00Z")) {
      answer(200, page(null, json("{'id':'c1','accountId':'a','lastActivityAt':'" + at
          + "'}")));
      SQLException e = sqlFailure(ALL);
      assertContains(everything(e), "SendPilot API request " + FIRST_PAGE + " answered HTTP 200"
          + " with a body the driver cannot read (Cannot deserialize value of type"
          + " `java.time.Instant` from String \"" + at + "\": a timestamp outside the years"
          + " 0000 to 9999");
      assertEquals("HY000", e.getSQLState());
    }
  }

  @Test void timestampsOfTheYears0000And9999AreRead() throws Exception {
    answer(200, page(null, json("{'id':'c1','accountId':'a',"
        + "'lastActivityAt':'9999-12-31T23:59:59.999Z','createdAt':'0000-01-01T00:00:00Z'}")));
    assertEquals(List.of("c1; 9999-12-31 23:59:59.999; 0000-01-01 00:00:00.000"),
        rows("select id, last_activity_at, created_at from conversations"));
  }

  @Test void bodyOverMaxResponseBytesIsRefused() throws Exception {
    List<String> many = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      many.add(conversation("c" + i));
    }
    String big = page(null, many.toArray(new String[0]));
    assertTrue(big.length() > 1024);
    answer(200, big);
    assertContains(failure(ALL, "maxResponseBytes=1024"), "SendPilot API request " + FIRST_PAGE
        + " answered HTTP 200 with a body of " + big.length() + " bytes (Content-Length), more"
        + " than maxResponseBytes=1024 allows; refusing to read it.");
    server.enqueue(new MockResponse.Builder().code(200).chunkedBody(big, 100).build());
    assertContains(failure(ALL, "maxResponseBytes=1024"), "SendPilot API request " + FIRST_PAGE
        + " answered HTTP 200 with a body larger than maxResponseBytes=1024 allows; refusing to"
        + " read it.");
    server.enqueue(new MockResponse.Builder().code(200).chunkedBody(big, 100).build());
    try (Connection c = Jdbc.connect(server, "maxResponseBytes=" + big.length())) {
      assertEquals(40, Jdbc.rows(c, ALL).size());
    }
  }

  // ---- harmless oddities that must be read exactly

  @Test void unknownFieldsAtEveryLevelAreIgnored() throws Exception {
    answer(200, json("{'apiVersion':'2','meta':{'requestId':'r1','tags':[1,2]},"
        + "'conversations':[{'id':'c1','accountId':'a','labels':['x',{'y':null}],"
        + "'participants':[{'id':'p1','name':'Ann','profileUrl':'u1','profilePicture':'pic',"
        + "'headline':'CTO','extra':{'deep':[true]}}],"
        + "'lastMessage':{'content':'hi','sentAt':'2024-02-24T15:30:00.000Z',"
        + "'direction':'sent','reactions':[]},"
        + "'lastActivityAt':'2024-02-24T15:30:00.000Z','unreadCount':2,"
        + "'createdAt':'2024-02-20T10:00:00.000Z','updatedAt':'2024-02-24T15:30:00.000Z',"
        + "'archived':false}],"
        + "'pagination':{'continuationToken':null,'limit':5,'hasMore':false,'page':1,"
        + "'total':1,'totalPages':1}}"));
    assertEquals(List.of("c1; a; hi; 2024-02-24 15:30:00.000; sent; 2024-02-24 15:30:00.000; 2;"
        + " 2024-02-20 10:00:00.000; 2024-02-24 15:30:00.000"),
        rows("select * from conversations"));
    answer(200, json("{'conversations':[{'id':'c1','accountId':'a','participants':[{'id':'p1',"
        + "'name':'Ann','profileUrl':'u1','profilePicture':'pic','headline':'CTO'}],"
        + "'x':1}],'pagination':{'hasMore':false,'y':2},'z':3}"));
    assertEquals(List.of("c1; a; p1; Ann; u1; pic"), rows("select * from participants"));
  }

  @Test void missingOptionalFieldsAreNull() throws Exception {
    answer(200, json("{'conversations':[{'id':'c1','accountId':'a',"
        + "'participants':[{'id':'p1','name':'Ann','profileUrl':'u1'},{'id':'p2'}]}],"
        + "'pagination':{'hasMore':false}}"));
    assertEquals(List.of("c1; a; null; null; null; null; null; null; null"),
        rows("select * from conversations"));
    answer(200, json("{'conversations':[{'id':'c1','accountId':'a',"
        + "'participants':[{'id':'p1','name':'Ann','profileUrl':'u1'},{'id':'p2'}]}],"
        + "'pagination':{'hasMore':false}}"));
    assertEquals(List.of("c1; a; p1; Ann; u1; null", "c1; a; p2; null; null; null"),
        rows("select * from participants"));
  }

  @Test void pageLargerThanAskedIsRefused() throws Exception {
    List<String> six = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      six.add(conversation("c" + i));
    }
    answer(200, page("more", six.toArray(new String[0])));
    String text = failure(ALL + " limit 5");
    assertContains(text, "SendPilot API request GET /v1/inbox/conversations?limit=5 answered"
        + " HTTP 200 with more than the 5 conversations it asked for; refusing the page.");
    assertEquals(List.of(Map.of("limit", "5")), Requests.drain(server));
  }

  @Test void pageSmallerThanAskedKeepsPaging() throws Exception {
    answer(200, page("t1", conversation("c1"), conversation("c2")));
    answer(200, page("t2", conversation("c3")));
    answer(200, page(null, conversation("c4"), conversation("c5")));
    assertEquals(List.of("c1; a; 1", "c2; a; 1", "c3; a; 1", "c4; a; 1", "c5; a; 1"),
        rows(ALL + " limit 5"));
    assertEquals(List.of(Map.of("limit", "5"),
        Map.of("limit", "3", "continuationToken", "t1"),
        Map.of("limit", "2", "continuationToken", "t2")), Requests.drain(server));
  }

  @Test void emptyPageWithHasMoreKeepsPaging() throws Exception {
    answer(200, page("t1"));
    answer(200, page("t2"));
    answer(200, page(null, conversation("c1")));
    assertEquals(List.of("c1; a; 1"), rows(ALL));
    assertEquals(List.of(Map.of("limit", "100"),
        Map.of("limit", "100", "continuationToken", "t1"),
        Map.of("limit", "100", "continuationToken", "t2")), Requests.drain(server));
  }

  @Test void conversationRepeatedAcrossAPageBoundaryIsReturnedOnce() throws Exception {
    answer(200, page("t1", conversation("c1"), conversation("c2")));
    answer(200, page(null, conversation("c2"), conversation("c3")));
    assertEquals(List.of("c1; a; 1", "c2; a; 1", "c3; a; 1"), rows(ALL));
    assertEquals(2, server.getRequestCount());
  }

  @Test void streamSkipsEmptyPagesAndRepeatsAtTheClientLevel() {
    answer(200, page("t1", conversation("c1"), conversation("c2")));
    answer(200, page("t2"));
    answer(200, page("t3", conversation("c2"), conversation("c3")));
    answer(200, page(null, conversation("c3"), conversation("c4")));
    try (ConversationStream stream = stream()) {
      assertEquals(List.of("c1", "c2", "c3", "c4"), ids(stream));
      assertEquals(4, stream.pagesFetched());
    }
  }
}
