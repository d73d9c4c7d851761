package ai.sendpilot.sql.client;

import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.QueryAssert;
import ai.sendpilot.sql.testing.QueryAssert.AssertQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  private static final Map<String, String> FIRST = params("limit", "100");

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

  /** Queries on the server, two attempts per request. */
  private QueryAssert api(String... settings) {
    return QueryAssert.on(server).with("maxAttempts=2").with(settings);
  }

  /**
   * {@code sql} fails with SQLState HY000 and a message holding {@code sentence}; no text of the
   * failure, causes included, has the key.
   */
  private AssertQuery failsWith(String sql, String sentence, String... settings) {
    AssertQuery query = api(settings).query(sql).failsWith("HY000", sentence);
    assertFalse(query.failureText().contains(FakeInbox.KEY), query::failureText);
    return query;
  }

  /**
   * The first page of {@link #ALL} fails as unreadable, in the driver's words: some detail in
   * the brackets (the parser's), then the start of the body.
   */
  private AssertQuery failsUnreadable(String body) {
    String sentence = "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with a body the"
        + " driver cannot read (";
    AssertQuery query = failsWith(ALL, sentence);
    String message = query.failure().getMessage();
    int detail = message.indexOf(sentence) + sentence.length();
    int end = message.indexOf("); body: " + body, detail);
    assertTrue(end > detail, () -> "expected a detail, then «); body: " + body + "» in: "
        + message);
    return query;
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
    failsUnreadable(json("{'conversations':[{'id':'c1','accountId':'a'},{'id':'c2','acc"))
        .sends(FIRST);
  }

  @Test void wrongFieldTypeFails() throws Exception {
    answer(200, page(null, json("{'id':'c1','accountId':'a','unreadCount':'abc'}")));
    failsUnreadable(json("{'conversations':[{'id':'c1','accountId':'a','unreadCount':'abc'}]"))
        .sends(FIRST);
  }

  @Test void missingConversationsFails() throws Exception {
    answer(200, json("{'items':[],'pagination':{'hasMore':false}}"));
    failsUnreadable(json("{'items':[],'pagination':{'hasMore':false}}")).sends(FIRST);
  }

  @Test void nullConversationsFails() throws Exception {
    answer(200, json("{'conversations':null,'pagination':{'hasMore':false}}"));
    failsUnreadable(json("{'conversations':null,'pagination':{'hasMore':false}}"))
        .sends(FIRST);
  }

  @Test void conversationsAsAnObjectFails() throws Exception {
    answer(200, json("{'conversations':{'id':'c1'},'pagination':{'hasMore':false}}"));
    failsUnreadable(json("{'conversations':{'id':'c1'},")).sends(FIRST);
  }

  @Test void conversationsAsAStringFails() throws Exception {
    answer(200, json("{'conversations':'none','pagination':{'hasMore':false}}"));
    failsUnreadable(json("{'conversations':'none',")).sends(FIRST);
  }

  @Test void htmlWith200Fails() throws Exception {
    answer(200, "<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>");
    failsUnreadable("<!DOCTYPE html> <html><head><title>Sign in</title></head></html>")
        .sends(FIRST);
  }

  @Test void htmlWith502FailsAfterTheRetries() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
            .body("<html>\n<body><h1>502 Bad Gateway</h1></body>\n</html>").build();
      }
    });
    failsWith(ALL, "SendPilot API request " + FIRST_PAGE + " failed with HTTP 502:"
        + " <html> <body><h1>502 Bad Gateway</h1></body> </html> (gave up after 2 attempts)")
        .sends(FIRST, FIRST);
  }

  @Test void emptyBodyWith200Fails() throws Exception {
    answer(200, "");
    failsUnreadable("(empty body)").sends(FIRST);
  }

  @Test void invalidUtf8Fails() throws Exception {
    Buffer body = new Buffer().writeUtf8(json("{'conversations':[{'id':'c"))
        .write(new byte[] {(byte) 0xC3, 0x28})
        .writeUtf8(json("','accountId':'a'}],'pagination':{'hasMore':false}}"));
    answer(200, body.readByteArray());
    failsUnreadable(json("{'conversations':[{'id':'c")).sends(FIRST);
  }

  @Test void hasMoreWithoutTokenFails() throws Exception {
    answer(200, json("{'conversations':[{'id':'c1','accountId':'a'}],"
        + "'pagination':{'hasMore':true}}"));
    failsWith(ALL, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with"
        + " hasMore=true but no continuationToken, so the rest of the result cannot be"
        + " fetched; refusing to return a truncated result.").sends(FIRST);
  }

  @Test void repeatedContinuationTokenIsAPagingLoop() throws Exception {
    answer(200, page("t1", conversation("c1")));
    answer(200, page("t1", conversation("c2")));
    failsWith(ALL, "SendPilot API request " + FIRST_PAGE + "&continuationToken=t1"
        + " answered HTTP 200 with continuationToken 't1', which it had already returned for"
        + " this scan (a paging loop) after 2 pages of all accounts; stopping instead of"
        + " looping forever.").sends(FIRST, params("limit", "100", "continuationToken", "t1"));
  }

  @Test void nonJsonErrorBodyIsQuoted() throws Exception {
    server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "text/plain")
        .body("limit: must be a number\n").build());
    failsWith(ALL, "SendPilot API request " + FIRST_PAGE + " failed with HTTP 400:"
        + " limit: must be a number").sends(FIRST);
  }

  @Test void duplicateKeysFail() throws Exception {
    answer(200, json("{'conversations':[{'id':'c1','accountId':'a'}],"
        + "'conversations':[{'id':'c2','accountId':'a'}],'pagination':{'hasMore':false}}"));
    failsUnreadable(json("{'conversations':[{'id':'c1','accountId':'a'}],'conversations':"))
        .sends(FIRST);
    answer(200, page(null, json("{'id':'c1','accountId':'a','id':'c2'}")));
    failsUnreadable(json("{'conversations':[{'id':'c1','accountId':'a','id':'c2'}]"))
        .sends(FIRST);
  }

  @Test void fractionalCountFails() throws Exception {
    answer(200, page(null, json("{'id':'c1','accountId':'a','unreadCount':1.9}")));
    failsUnreadable(json("{'conversations':[{'id':'c1','accountId':'a','unreadCount':1.9}]"))
        .sends(FIRST);
  }

  @Test void timestampsBeyondYear9999Fail() throws Exception {
    for (String at : List.of("+99999-01-01T00:00:00Z", "+10000-01-01T00:00:00.000Z",
        "-0001-12-31T00:00:00Z", "+1000000000-01-01T00:00:00Z")) {
      answer(200, page(null, json("{'id':'c1','accountId':'a','lastActivityAt':'" + at
          + "'}")));
      // The detail in the brackets ends with the driver's own words.
      failsUnreadable(json("{'conversations':[{'id':'c1'"))
          .failsWith("HY000", ": a timestamp outside the years 0000 to 9999, which SQL cannot"
              + " show); body: ")
          .sends(FIRST);
    }
  }

  @Test void timestampsOfTheYears0000And9999AreRead() throws Exception {
    answer(200, page(null, json("{'id':'c1','accountId':'a',"
        + "'lastActivityAt':'9999-12-31T23:59:59.999Z','createdAt':'0000-01-01T00:00:00Z'}")));
    api().query("select id, last_activity_at, created_at from conversations")
        .returns("c1; 9999-12-31 23:59:59.999; 0000-01-01 00:00:00.000").sends(FIRST);
  }

  @Test void bodyOverMaxResponseBytesIsRefused() throws Exception {
    List<String> many = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      many.add(conversation("c" + i));
    }
    String big = page(null, many.toArray(new String[0]));
    assertTrue(big.length() > 1024);
    answer(200, big);
    failsWith(ALL, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with a body of "
        + big.length() + " bytes (Content-Length), more than maxResponseBytes=1024 allows;"
        + " refusing to read it.", "maxResponseBytes=1024").sends(FIRST);
    server.enqueue(new MockResponse.Builder().code(200).chunkedBody(big, 100).build());
    failsWith(ALL, "SendPilot API request " + FIRST_PAGE + " answered HTTP 200 with a body"
        + " larger than maxResponseBytes=1024 allows; refusing to read it.",
        "maxResponseBytes=1024").sends(FIRST);
    server.enqueue(new MockResponse.Builder().code(200).chunkedBody(big, 100).build());
    api("maxResponseBytes=" + big.length()).query(ALL).returnsCount(40).sends(FIRST);
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
    api().query("select * from conversations").returns("c1; a; hi; 2024-02-24 15:30:00.000;"
        + " sent; 2024-02-24 15:30:00.000; 2; 2024-02-20 10:00:00.000; 2024-02-24 15:30:00.000")
        .sends(FIRST);
    answer(200, json("{'conversations':[{'id':'c1','accountId':'a','participants':[{'id':'p1',"
        + "'name':'Ann','profileUrl':'u1','profilePicture':'pic','headline':'CTO'}],"
        + "'x':1}],'pagination':{'hasMore':false,'y':2},'z':3}"));
    api().query("select * from participants").returns("c1; a; p1; Ann; u1; pic").sends(FIRST);
  }

  @Test void missingOptionalFieldsAreNull() throws Exception {
    answer(200, json("{'conversations':[{'id':'c1','accountId':'a',"
        + "'participants':[{'id':'p1','name':'Ann','profileUrl':'u1'},{'id':'p2'}]}],"
        + "'pagination':{'hasMore':false}}"));
    api().query("select * from conversations")
        .returns("c1; a; null; null; null; null; null; null; null").sends(FIRST);
    answer(200, json("{'conversations':[{'id':'c1','accountId':'a',"
        + "'participants':[{'id':'p1','name':'Ann','profileUrl':'u1'},{'id':'p2'}]}],"
        + "'pagination':{'hasMore':false}}"));
    api().query("select * from participants")
        .returns("c1; a; p1; Ann; u1; null", "c1; a; p2; null; null; null").sends(FIRST);
  }

  @Test void pageLargerThanAskedIsRefused() throws Exception {
    List<String> six = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      six.add(conversation("c" + i));
    }
    answer(200, page("more", six.toArray(new String[0])));
    failsWith(ALL + " limit 5", "SendPilot API request GET /v1/inbox/conversations?limit=5"
        + " answered HTTP 200 with more than the 5 conversations it asked for; refusing the"
        + " page.").sends(params("limit", "5"));
  }

  @Test void pageSmallerThanAskedKeepsPaging() throws Exception {
    answer(200, page("t1", conversation("c1"), conversation("c2")));
    answer(200, page("t2", conversation("c3")));
    answer(200, page(null, conversation("c4"), conversation("c5")));
    api().query(ALL + " limit 5")
        .returns("c1; a; 1", "c2; a; 1", "c3; a; 1", "c4; a; 1", "c5; a; 1")
        .sends(params("limit", "5"), params("limit", "3", "continuationToken", "t1"),
            params("limit", "2", "continuationToken", "t2"));
  }

  @Test void emptyPageWithHasMoreKeepsPaging() throws Exception {
    answer(200, page("t1"));
    answer(200, page("t2"));
    answer(200, page(null, conversation("c1")));
    api().query(ALL).returns("c1; a; 1")
        .sends(FIRST, params("limit", "100", "continuationToken", "t1"),
            params("limit", "100", "continuationToken", "t2"));
  }

  @Test void conversationRepeatedAcrossAPageBoundaryIsReturnedOnce() throws Exception {
    answer(200, page("t1", conversation("c1"), conversation("c2")));
    answer(200, page(null, conversation("c2"), conversation("c3")));
    api().query(ALL).returns("c1; a; 1", "c2; a; 1", "c3; a; 1")
        .sends(FIRST, params("limit", "100", "continuationToken", "t1"));
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
