package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API key is sent only to the configured API origin, also when the API redirects. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedirectTest {
  private static final String PAGE = "{\"conversations\":[{\"id\":\"c1\",\"accountId\":\"a\"}],"
      + "\"pagination\":{\"hasMore\":false}}";
  /** What OkHttp sends besides the key: the redirected request must carry exactly these. */
  private static final List<String> HEADERS_WITHOUT_KEY =
      List.of("accept", "accept-encoding", "connection", "host", "user-agent");

  @StartStop final MockWebServer api = new MockWebServer();
  @StartStop final MockWebServer elsewhere = new MockWebServer();

  private static MockResponse redirect(int code, String location) {
    return new MockResponse.Builder().code(code).addHeader("Location", location).build();
  }

  private static MockResponse page() {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(PAGE).build();
  }

  private List<String> query() throws Exception {
    try (Connection c = Jdbc.connect(api, "maxAttempts=1")) {
      return Jdbc.rows(c, "select id, account_id from conversations");
    }
  }

  private static RecordedRequest taken(MockWebServer server) throws InterruptedException {
    RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
    assertNotNull(r, "no request reached " + server);
    return r;
  }

  private static List<String> names(Headers headers) {
    return headers.names().stream().map(n -> n.toLowerCase(Locale.ROOT)).sorted()
        .collect(Collectors.toList());
  }

  private static void assertKeyOnce(RecordedRequest r) {
    assertEquals(List.of(FakeInbox.KEY), r.getHeaders().values("X-API-Key"));
    assertEquals(List.of("accept", "accept-encoding", "connection", "host", "user-agent",
        "x-api-key"), names(r.getHeaders()));
  }

  private static void assertNoKey(RecordedRequest r) {
    assertEquals(HEADERS_WITHOUT_KEY, names(r.getHeaders()));
    assertEquals("application/json", r.getHeaders().get("Accept"));
    for (String name : r.getHeaders().names()) {
      for (String value : r.getHeaders().values(name)) {
        assertFalse(value.contains(FakeInbox.KEY), name + ": " + value);
      }
    }
  }

  @ParameterizedTest @ValueSource(ints = {301, 302, 303, 307, 308})
  void redirectToAnotherHostGoesWithoutTheKey(int code) throws Exception {
    api.enqueue(redirect(code, "http://localhost:" + elsewhere.getPort()
        + "/v1/inbox/conversations?limit=100"));
    elsewhere.enqueue(page());
    assertEquals(List.of("c1; a"), query());
    RecordedRequest first = taken(api);
    assertEquals("/v1/inbox/conversations?limit=100", first.getTarget());
    assertKeyOnce(first);
    RecordedRequest second = taken(elsewhere);
    assertEquals("GET", second.getMethod());
    assertEquals("/v1/inbox/conversations?limit=100", second.getTarget());
    assertEquals("localhost:" + elsewhere.getPort(), second.getHeaders().get("Host"));
    assertNoKey(second);
  }

  @Test void redirectToTheSamePortUnderAnotherHostNameGoesWithoutTheKey() throws Exception {
    api.enqueue(redirect(302, "http://localhost:" + api.getPort() + "/v2/conversations"));
    api.enqueue(page());
    assertEquals(List.of("c1; a"), query());
    assertKeyOnce(taken(api));
    RecordedRequest second = taken(api);
    assertEquals("/v2/conversations", second.getTarget());
    assertEquals("localhost:" + api.getPort(), second.getHeaders().get("Host"));
    assertNoKey(second);
  }

  @Test void redirectToAnotherPortOfTheSameHostGoesWithoutTheKey() throws Exception {
    api.enqueue(redirect(307, "http://127.0.0.1:" + elsewhere.getPort() + "/v1/x"));
    elsewhere.enqueue(page());
    assertEquals(List.of("c1; a"), query());
    assertKeyOnce(taken(api));
    RecordedRequest second = taken(elsewhere);
    assertEquals("/v1/x", second.getTarget());
    assertNoKey(second);
  }

  @ParameterizedTest @ValueSource(ints = {302, 307})
  void redirectWithinTheApiOriginKeepsTheKey(int code) throws Exception {
    api.enqueue(redirect(code, "/v2/inbox/conversations?limit=100&moved=1"));
    api.enqueue(page());
    assertEquals(List.of("c1; a"), query());
    assertKeyOnce(taken(api));
    RecordedRequest second = taken(api);
    assertEquals("/v2/inbox/conversations?limit=100&moved=1", second.getTarget());
    assertEquals("127.0.0.1:" + api.getPort(), second.getHeaders().get("Host"));
    assertKeyOnce(second);
  }
}
