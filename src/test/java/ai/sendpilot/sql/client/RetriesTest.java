package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Throttling and transient failures are retried on the same page; the rest fail clearly. */
class RetriesTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeInbox inbox = FakeInbox.of("a", 250);

  /** Serves the inbox, but answers {@code fault} to the requests whose numbers are listed. */
  private final class Faulty extends Dispatcher {
    private final AtomicInteger count = new AtomicInteger();
    private final List<Integer> faulted;
    private final MockResponse fault;
    final List<Long> arrivals = new CopyOnWriteArrayList<>();

    Faulty(MockResponse fault, Integer... faulted) {
      this.fault = fault;
      this.faulted = List.of(faulted);
    }

    @Override public MockResponse dispatch(RecordedRequest request) {
      arrivals.add(System.nanoTime());
      return faulted.contains(count.incrementAndGet()) ? fault : inbox.dispatch(request);
    }
  }

  private static MockResponse status(int code, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code)
        .body("{\"statusCode\":" + code + ",\"message\":\"status " + code + "\"}");
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  private List<String> ids(String... settings) throws SQLException {
    try (Connection c = Jdbc.connect(server, settings)) {
      return Jdbc.rows(c, "select id from conversations");
    }
  }

  private List<String> cleanIds() {
    List<String> ids = new ArrayList<>();
    inbox.conversations(null).forEach(m -> ids.add((String) m.get("id")));
    return ids;
  }

  private List<String> tokens() throws InterruptedException {
    List<String> tokens = new ArrayList<>();
    for (Map<String, String> r : Requests.drain(server)) {
      tokens.add(r.get("continuationToken"));
    }
    return tokens;
  }

  @Test void throttledPageIsRepeatedWithTheSameTokenAfterRetryAfterSeconds() throws Exception {
    Faulty faulty = new Faulty(status(429, "Retry-After", "1"), 2);
    server.setDispatcher(faulty);
    assertEquals(cleanIds(), ids());
    List<String> tokens = tokens();
    assertEquals(4, tokens.size());
    assertEquals(tokens.get(1), tokens.get(2));
    long waitedMillis = (faulty.arrivals.get(2) - faulty.arrivals.get(1)) / 1_000_000;
    assertTrue(waitedMillis >= 1000, "waited only " + waitedMillis + " ms");
  }

  @Test void retryAfterAsAnHttpDateIsHonoured() throws Exception {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
    Faulty faulty = new Faulty(status(429, "Retry-After", date), 1);
    server.setDispatcher(faulty);
    assertEquals(cleanIds(), ids());
    long waitedMillis = (faulty.arrivals.get(1) - faulty.arrivals.get(0)) / 1_000_000;
    assertTrue(waitedMillis >= 900, "waited only " + waitedMillis + " ms");
  }

  @Test void gatewayErrorsAreRetried() throws Exception {
    server.setDispatcher(new Faulty(status(502), 1, 3, 4));
    assertEquals(cleanIds(), ids());
    server.setDispatcher(new Faulty(status(504), 2));
    assertEquals(cleanIds(), ids());
    server.setDispatcher(new Faulty(status(503), 3));
    assertEquals(cleanIds(), ids());
  }

  @Test void droppedConnectionIsRetried() throws Exception {
    server.setDispatcher(new Faulty(new MockResponse.Builder()
        .onResponseStart(new SocketEffect.CloseSocket()).build(), 2));
    assertEquals(cleanIds(), ids());
  }

  @Test void readTimeoutIsRetried() throws Exception {
    server.setDispatcher(new Faulty(new MockResponse.Builder()
        .headersDelay(3, TimeUnit.SECONDS).body("{}").build(), 1));
    assertEquals(cleanIds(), ids("readTimeoutMs=300"));
  }

  @Test void serverErrorIsNotRetried() throws Exception {
    server.setDispatcher(new Faulty(status(500), 1));
    SQLException e = assertThrows(SQLException.class, this::ids);
    assertTrue(e.getMessage().contains("GET /v1/inbox/conversations?limit=100 failed with"
        + " HTTP 500: status 500"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test void givesUpAfterMaxAttemptsAndSaysSo() throws Exception {
    server.setDispatcher(new Faulty(status(503), 1, 2, 3));
    SQLException e = assertThrows(SQLException.class, () -> ids("maxAttempts=3"));
    assertTrue(e.getMessage().contains("failed with HTTP 503: status 503 (gave up after 3"
        + " attempts)"), e.getMessage());
    assertEquals(3, server.getRequestCount());
  }

  @Test void retryAfterLongerThanTheAllowedWaitFailsAtOnce() throws Exception {
    server.setDispatcher(new Faulty(status(429, "Retry-After", "600"), 1));
    long started = System.nanoTime();
    SQLException e = assertThrows(SQLException.class, () -> ids("maxRetryWaitMs=5000"));
    assertTrue((System.nanoTime() - started) / 1_000_000 < 5000);
    assertTrue(e.getMessage().contains("failed with HTTP 429: status 429 The API asked to wait"
        + " 600 s (Retry-After), longer than maxRetryWaitMs=5000 allows; try again later."),
        e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test void retryAfterParsing() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    assertEquals(Duration.ofSeconds(7), RetryAfter.parse(" 7 ", clock));
    assertEquals(Duration.ofSeconds(30),
        RetryAfter.parse("Thu, 01 Jan 2026 00:00:30 GMT", clock));
    assertEquals(Duration.ZERO, RetryAfter.parse("Wed, 31 Dec 2025 23:00:00 GMT", clock));
    assertEquals(null, RetryAfter.parse("soon", clock));
    assertEquals(null, RetryAfter.parse(null, clock));
  }
}
