package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects are followed only within the API's origin, with the key; one to anywhere else is
 * refused without being followed, and a redirect loop or a certificate failure is not retried.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedirectTest {
  private static final String PAGE = "{\"conversations\":[{\"id\":\"c1\",\"accountId\":\"a\"}],"
      + "\"pagination\":{\"hasMore\":false}}";

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

  /** The failure of a query that may retry, with {@code sqlState}; none may be retried. */
  private SQLException failure(String sqlState) throws Exception {
    try (Connection c = Jdbc.connect(api, "maxAttempts=3")) {
      SQLException e = assertThrows(SQLException.class,
          () -> Jdbc.rows(c, "select id, account_id from conversations"));
      assertEquals(sqlState, e.getSQLState(), e.getMessage());
      assertFalse(e.getMessage().contains(FakeInbox.KEY), e.getMessage());
      return e;
    }
  }

  /** The failure of a query whose redirect was refused. */
  private SQLException refusal() throws Exception {
    return failure("HY000");
  }

  private static void assertContains(String text, String part) {
    assertTrue(text.contains(part), () -> "expected «" + part + "» in: " + text);
  }

  @ParameterizedTest @ValueSource(ints = {301, 302, 303, 307, 308})
  void redirectToAnotherHostIsRefusedWithoutFollowingIt(int code) throws Exception {
    String target = "http://localhost:" + elsewhere.getPort() + "/v1/inbox/conversations"
        + "?limit=100";
    api.enqueue(redirect(code, target));
    elsewhere.enqueue(page());
    assertContains(refusal().getMessage(), "SendPilot API request GET"
        + " /v1/inbox/conversations?limit=100 was redirected (HTTP " + code + ") to another"
        + " origin " + target + "; refusing to follow it. Set baseUrl to the API's own address.");
    RecordedRequest first = taken(api);
    assertEquals("/v1/inbox/conversations?limit=100", first.getTarget());
    assertKeyOnce(first);
    assertEquals(1, api.getRequestCount());
    assertEquals(0, elsewhere.getRequestCount());
  }

  @Test void redirectToTheSamePortUnderAnotherHostNameIsRefused() throws Exception {
    api.enqueue(redirect(302, "http://localhost:" + api.getPort() + "/v2/conversations"));
    api.enqueue(page());
    assertContains(refusal().getMessage(), "to another origin http://localhost:"
        + api.getPort() + "/v2/conversations; refusing to follow it.");
    assertKeyOnce(taken(api));
    assertEquals(1, api.getRequestCount());
  }

  @Test void redirectToAnotherPortOfTheSameHostIsRefused() throws Exception {
    api.enqueue(redirect(307, "http://127.0.0.1:" + elsewhere.getPort() + "/v1/x"));
    elsewhere.enqueue(page());
    assertContains(refusal().getMessage(), "to another origin http://127.0.0.1:"
        + elsewhere.getPort() + "/v1/x; refusing to follow it.");
    assertEquals(1, api.getRequestCount());
    assertEquals(0, elsewhere.getRequestCount());
  }

  @Test void redirectToHttpsOfTheSameHostAndPortIsRefused() throws Exception {
    api.enqueue(redirect(301, "https://127.0.0.1:" + api.getPort() + "/v1/x"));
    assertContains(refusal().getMessage(), "to another origin https://127.0.0.1:"
        + api.getPort() + "/v1/x; refusing to follow it.");
    assertEquals(1, api.getRequestCount());
  }

  @Test void aKeyInTheRedirectTargetIsRedacted() throws Exception {
    api.enqueue(redirect(302, "http://localhost:" + elsewhere.getPort() + "/login?key="
        + FakeInbox.KEY));
    assertContains(refusal().getMessage(), "to another origin http://localhost:"
        + elsewhere.getPort() + "/login?key=[redacted]; refusing");
    assertEquals(0, elsewhere.getRequestCount());
  }

  @Test void aRedirectLoopFailsAndIsNotRetried() throws Exception {
    api.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        return redirect(302, "/v1/inbox/conversations?limit=100");
      }
    });
    // No complete response ever arrived: the redirects did not end.
    assertContains(failure("08006").getMessage(), "SendPilot API request GET"
        + " /v1/inbox/conversations?limit=100 was redirected too many times (Too many follow-up"
        + " requests: 21)");
    assertEquals(21, api.getRequestCount());
  }

  @Test void certificateAndProtocolFailuresAreNotRetried() {
    String request = "GET /v1/inbox/conversations?limit=100";
    assertFalse(ApiErrors.transport(request,
        new SSLPeerUnverifiedException("Hostname api.example not verified")).retryable());
    assertFalse(ApiErrors.transport(request, new SSLHandshakeException("PKIX path building"
        + " failed")).retryable());
    assertFalse(ApiErrors.transport(request,
        new ProtocolException("Too many follow-up requests: 21")).retryable());
    assertTrue(ApiErrors.transport(request, new SocketTimeoutException("timeout")).retryable());
    assertTrue(ApiErrors.transport(request, new IOException("unexpected end of stream"))
        .retryable());
    assertContains(ApiErrors.transport(request,
        new SSLPeerUnverifiedException("Hostname api.example not verified")).getMessage(),
        "SendPilot API request " + request + " failed: the server's TLS certificate was not"
        + " accepted (Hostname api.example not verified). Check baseUrl;");
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
