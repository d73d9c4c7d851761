package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pace of a key's requests: none until the API pushes back, slower after a 429 and faster
 * again later, a used-up quota waited out, an explicit cap and the concurrency limit shared by
 * the connections that use one key.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RateLimitTest {
  private static final long MS = 1_000_000L;

  @StartStop final MockWebServer server = new MockWebServer();
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  /** Serves {@code answer}, recording arrivals and how many requests are in flight at once. */
  private void serve(long delayMillis, Function<RecordedRequest, MockResponse> answer) {
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        arrivals.add(System.nanoTime());
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
          Thread.sleep(delayMillis);
          return answer.apply(request);
        } finally {
          inFlight.decrementAndGet();
        }
      }
    });
  }

  private int readInParallel(int connections, String... settings) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        results.add(pool.submit(() -> ids(settings).size()));
      }
      int rows = 0;
      for (Future<Integer> r : results) {
        rows += r.get();
      }
      return rows;
    } finally {
      pool.shutdownNow();
    }
  }

  private List<String> ids(String... settings) throws Exception {
    try (Connection c = Jdbc.connect(server, settings)) {
      return Jdbc.rows(c, "select id from conversations");
    }
  }

  /** The shared limit of the connections to this server with the test key and defaults. */
  private AdaptiveRateLimit sharedLimit() {
    return RequestLimits.of(ClientConfig.builder().baseUrl(Jdbc.baseUrl(server))
        .apiKey(ApiKey.of(FakeInbox.KEY)).build()).rate();
  }

  /**
   * Checks that {@code times} (nanoseconds, sorted) keep to {@code perSecond}: arrivals can be
   * closer than the turns they were sent at, when one is delayed on its way, so this allows
   * {@code k + 1} arrivals, not {@code k}, in any window of {@code k / perSecond} seconds.
   */
  private static void assertPaced(List<Long> times, double perSecond) {
    for (int i = 0; i < times.size(); i++) {
      for (int j = i + 2; j < times.size(); j++) {
        double seconds = (times.get(j) - times.get(i)) / 1e9;
        assertTrue(seconds >= (j - i - 1) / perSecond, "arrivals " + i + " to " + j + " came"
            + " within " + Math.round(seconds * 1000) + " ms, above " + perSecond
            + " requests/s: " + gapsMillis(times));
      }
    }
  }

  private static List<Long> gapsMillis(List<Long> times) {
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      gaps.add((times.get(i) - times.get(i - 1)) / MS);
    }
    return gaps;
  }

  private static long medianGapMillis(List<Long> times) {
    List<Long> gaps = gapsMillis(times);
    Collections.sort(gaps);
    return gaps.get(gaps.size() / 2);
  }

  @Test void withoutPushbackRequestsLeaveBackToBack() throws Exception {
    FakeInbox inbox = FakeInbox.of("a", 40);
    serve(0, inbox::dispatch);
    assertEquals(40, ids("pageSize=1").size());
    assertEquals(40, arrivals.size());
    // Paced at the former default of 10 requests/s, every gap would be 100 ms or more.
    assertTrue(medianGapMillis(arrivals) < 50, "gaps in ms: " + gapsMillis(arrivals));
    assertEquals(Double.POSITIVE_INFINITY, sharedLimit().rate());
  }

  @Test void a429SlowsTheRateThenItGrowsBack() throws Exception {
    FakeInbox inbox = FakeInbox.of("a", 40);
    AtomicLong throttledAt = new AtomicLong();
    AtomicInteger count = new AtomicInteger();
    serve(0, request -> {
      if (count.incrementAndGet() != 11) {
        return inbox.dispatch(request);
      }
      throttledAt.set(System.nanoTime());
      return new MockResponse.Builder().code(429)
          .body("{\"statusCode\":429,\"message\":\"Too Many Requests\"}").build();
    });
    assertEquals(40, ids("pageSize=1").size());
    assertEquals(41, arrivals.size());
    double slowed = sharedLimit().rate();
    assertTrue(slowed < 2 * 10, "rate " + slowed);
    // After the 429: at most 0.8 * 10 requests/s, the rate of the 10 pages before it, growing
    // by at most 1 each second.
    List<Long> afterThe429 = new ArrayList<>();
    for (long t : arrivals) {
      if (t > throttledAt.get() && t - throttledAt.get() < 2000 * MS) {
        afterThe429.add(t);
      }
    }
    assertPaced(afterThe429, 10);
    // And before it, no pacing.
    assertTrue(medianGapMillis(arrivals.subList(0, 11)) < 50, "gaps in ms: "
        + gapsMillis(arrivals));
    Thread.sleep(200);
    assertTrue(sharedLimit().rate() > slowed, "not growing: " + slowed + " then "
        + sharedLimit().rate());
  }

  /** A page with the rate limit headers {@code quota} makes, 429 before {@code resetAt}. */
  private void serveQuota(FakeInbox inbox, Function<Long, Map<String, String>> quota,
      AtomicLong resetAt, AtomicInteger throttled) {
    AtomicInteger count = new AtomicInteger();
    serve(0, request -> {
      if (System.currentTimeMillis() < resetAt.get()) {
        throttled.incrementAndGet();
        return new MockResponse.Builder().code(429).body("{\"statusCode\":429}").build();
      }
      MockResponse.Builder page = new MockResponse.Builder(inbox.dispatch(request));
      if (count.incrementAndGet() % 3 == 1) {
        long now = System.currentTimeMillis();
        quota.apply(now).forEach(page::addHeader);
        resetAt.set(now + 1000);
      }
      return page.build();
    });
  }

  @Test void aUsedUpQuotaIsWaitedOutWithoutA429() throws Exception {
    List<Function<Long, Map<String, String>>> styles = List.of(
        now -> Map.of("X-RateLimit-Limit", "3", "X-RateLimit-Remaining", "0",
            "X-RateLimit-Reset", "1"),
        // An epoch second: the next whole second at least 1 s away.
        now -> Map.of("X-RateLimit-Remaining", "0",
            "X-RateLimit-Reset", Long.toString((now + 1000) / 1000 + 1)),
        now -> Map.of("RateLimit-Limit", "3", "RateLimit-Remaining", "0",
            "RateLimit-Reset", "1"),
        now -> Map.of("RateLimit", "limit=3, remaining=0, reset=1"));
    for (Function<Long, Map<String, String>> style : styles) {
      AtomicLong resetAt = new AtomicLong();
      AtomicInteger throttled = new AtomicInteger();
      serveQuota(FakeInbox.of("a", 3), style, resetAt, throttled);
      arrivals.clear();
      long started = System.nanoTime();
      assertEquals(3, ids("pageSize=1").size());
      assertEquals(0, throttled.get(), "429s with " + style.apply(0L));
      assertEquals(3, arrivals.size());
      assertTrue(arrivals.get(1) - arrivals.get(0) >= 900 * MS, "waited only "
          + (arrivals.get(1) - arrivals.get(0)) / MS + " ms with " + style.apply(0L));
      assertTrue(System.nanoTime() - started < 10_000 * MS);
    }
  }

  @Test void aQueryTimeoutStopsAWaitForTheQuota() throws Exception {
    FakeInbox inbox = FakeInbox.of("a", 3);
    serve(0, request -> new MockResponse.Builder(inbox.dispatch(request))
        .addHeader("X-RateLimit-Remaining", "0").addHeader("X-RateLimit-Reset", "30").build());
    // As localhost, the origin whose key now waits 30 s is one other tests do not use.
    try (Connection c = Jdbc.connect(server, "baseUrl=http://localhost:" + server.getPort(),
        "pageSize=1"); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long started = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery("select id from conversations")) {
          while (rs.next()) {
            rs.getString(1);
          }
        }
      });
      assertEquals("57014", e.getSQLState(), e::toString);
      long took = (System.nanoTime() - started) / MS;
      assertTrue(took < 5000, "the quota is back after 30 s; stopped after " + took + " ms");
    }
    assertEquals(1, Requests.take(server, 1).size());
  }

  @Test void anExplicitRequestsPerSecondCapsConnectionsWithOneKeyTogether() throws Exception {
    FakeInbox inbox = FakeInbox.of("a", 400);
    serve(0, inbox::dispatch);
    assertEquals(3 * 400, readInParallel(3, "requestsPerSecond=5"));
    List<Long> sorted = new ArrayList<>(arrivals);
    Collections.sort(sorted);
    assertEquals(12, sorted.size());
    assertPaced(sorted, 5);
  }

  @Test void connectionsWithOneKeyShareTheConcurrencyLimit() throws Exception {
    FakeInbox inbox = FakeInbox.of("a", 200);
    serve(300, inbox::dispatch);
    assertEquals(6 * 200, readInParallel(6, "maxConcurrentRequests=2"));
    assertEquals(2, maxInFlight.get());
  }
}
