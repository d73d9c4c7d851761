package ai.sendpilot.sql.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.QueryAssert;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Sixteen threads with a connection each run 50 mixed queries over one driver: every result is
 * right, and the request rate stays within the configured limit.
 */
class LoadTest {
  private static final int THREADS = 16;
  private static final int QUERIES_PER_THREAD = 50;
  private static final double REQUESTS_PER_SECOND = 150;
  private static final List<String> QUERIES = List.of(
      "select id, account_id from conversations limit 5",
      "select count(*) from conversations where account_id = 'acc_na_01'",
      "select conversation_id, name from participants where account_id = 'acc_emea_01' limit 20",
      "select c.id, count(*) from conversations c join participants p"
          + " on c.id = p.conversation_id and c.account_id = p.account_id"
          + " where c.account_id = 'acc_apac_01' group by c.id order by c.id limit 10",
      "select account_id, count(*), sum(unread_count) from conversations"
          + " where account_id in ('acc_emea_01', 'acc_emea_02') group by account_id"
          + " order by account_id");

  @Test void concurrentQueriesAreCorrectAndWithinTheRateLimit() throws Exception {
    try (InboxSimulator sim = new InboxSimulator(
        SimulatorConfig.builder().seed(5).conversations(800).build()).start()) {
      QueryAssert limited = QueryAssert.on(sim)
          .with("requestsPerSecond=" + REQUESTS_PER_SECOND);
      Map<String, List<String>> expected = new HashMap<>();
      for (String sql : QUERIES) {
        expected.put(sql, limited.query(sql).rows());
        assertFalse(expected.get(sql).isEmpty(), sql);
      }
      long requestsBefore = sim.requestCount();
      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          int checked = 0;
          try (Connection c = limited.connect()) {
            for (int q = 0; q < QUERIES_PER_THREAD; q++) {
              String sql = QUERIES.get((thread + q) % QUERIES.size());
              assertEquals(expected.get(sql), Jdbc.rows(c, sql), sql);
              checked++;
            }
          }
          return checked;
        }));
      }
      int checked = 0;
      try {
        for (Future<Integer> f : done) {
          checked += f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long requests = sim.requestCount() - requestsBefore;
      assertEquals(THREADS * QUERIES_PER_THREAD, checked);
      double observed = (requests - 1) / seconds;
      assertTrue(observed <= REQUESTS_PER_SECOND * 1.05,
          requests + " requests in " + seconds + " s is " + observed + " requests/s");
    }
  }
}
