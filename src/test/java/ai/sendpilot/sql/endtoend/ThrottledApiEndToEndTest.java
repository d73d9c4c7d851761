package ai.sendpilot.sql.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.QueryAssert;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A full scan at the driver's default settings against an API that answers 429 above 10
 * requests/s: the rows of an unlimited scan, at close to the allowed rate once the driver has
 * learned it, and few 429s after that, whether or not the API says what is left in headers.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ThrottledApiEndToEndTest {
  private static final int PER_SECOND = 10;
  /** 50 pages of 100: about 5 s at 10 requests/s. */
  private static final SimulatorConfig INBOX = SimulatorConfig.builder().seed(10)
      .conversations(5000).build();
  private static final String SQL = "select id, account_id, last_activity_at from conversations";
  private static final Duration LEARNING = Duration.ofSeconds(2);

  /** What the API saw after the driver's first two seconds. */
  private record Settled(int admitted, int throttled, double perSecond) {
    @Override public String toString() {
      return String.format(Locale.ROOT, "%d requests let through at %.1f/s, %d answered 429",
          admitted, perSecond, throttled);
    }
  }

  private static Settled settled(InboxSimulator sim) {
    List<Duration> admitted = sim.admittedAt();
    Duration from = admitted.get(0).plus(LEARNING);
    Duration last = admitted.get(admitted.size() - 1);
    List<Duration> late = admitted.stream().filter(t -> t.compareTo(from) >= 0).toList();
    int throttled = (int) sim.throttledAt().stream().filter(t -> t.compareTo(from) >= 0).count();
    double seconds = (last.toNanos() - from.toNanos()) / 1e9;
    return new Settled(late.size(), throttled, (late.size() - 1) / seconds);
  }

  private static void scanAtDefaults(SimulatorConfig limited, List<String> clean) {
    try (InboxSimulator sim = new InboxSimulator(limited).start()) {
      QueryAssert.on(sim).query(SQL).returns(clean);
      Settled settled = settled(sim);
      assertTrue(settled.admitted() >= 20, "too short to judge: " + settled);
      assertTrue(settled.perSecond() >= 0.8 * PER_SECOND, settled.toString());
      assertTrue(settled.throttled() <= 0.05 * (settled.admitted() + settled.throttled()),
          settled.toString());
      assertEquals(sim.requestCount(), sim.admittedAt().size() + sim.throttledAt().size());
    }
  }

  private static List<String> cleanScan() {
    try (InboxSimulator sim = new InboxSimulator(INBOX).start()) {
      List<String> rows = QueryAssert.on(sim).query(SQL).rows();
      assertEquals(INBOX.conversationCount(), rows.size());
      return rows;
    }
  }

  @Test void aFullScanLearnsTheRateFrom429s() {
    scanAtDefaults(INBOX.toBuilder().rateLimit(PER_SECOND).build(), cleanScan());
  }

  @Test void aFullScanPacesItselfByTheRateLimitHeaders() {
    scanAtDefaults(INBOX.toBuilder().rateLimit(PER_SECOND).rateLimitHeaders(true).build(),
        cleanScan());
  }
}
