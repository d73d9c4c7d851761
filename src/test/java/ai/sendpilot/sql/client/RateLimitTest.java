package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The client-side rate and concurrency limits hold across connections using one key. */
class RateLimitTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  private void serve(FakeInbox inbox, long delayMillis) {
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        arrivals.add(System.nanoTime());
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
          Thread.sleep(delayMillis);
          return inbox.dispatch(request);
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
        results.add(pool.submit(() -> {
          try (Connection c = Jdbc.connect(server, settings)) {
            return Jdbc.rows(c, "select id from conversations").size();
          }
        }));
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

  @Test void connectionsWithOneKeyShareTheRequestRate() throws Exception {
    serve(FakeInbox.of("a", 400), 0);
    assertEquals(3 * 400, readInParallel(3, "requestsPerSecond=5"));
    List<Long> sorted = new ArrayList<>(arrivals);
    Collections.sort(sorted);
    assertEquals(12, sorted.size());
    for (int i = 1; i < sorted.size(); i++) {
      long gapMillis = (sorted.get(i) - sorted.get(i - 1)) / 1_000_000;
      assertTrue(gapMillis >= 150, "requests " + (i - 1) + " and " + i + " were only "
          + gapMillis + " ms apart at 5 requests/s");
    }
  }

  @Test void connectionsWithOneKeyShareTheConcurrencyLimit() throws Exception {
    serve(FakeInbox.of("a", 200), 300);
    assertEquals(6 * 200, readInParallel(6, "maxConcurrentRequests=2", "requestsPerSecond=1000"));
    assertEquals(2, maxInFlight.get());
  }
}
