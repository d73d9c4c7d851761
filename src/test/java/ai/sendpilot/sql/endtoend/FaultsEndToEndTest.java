package ai.sendpilot.sql.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.QueryAssert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Through JDBC against the simulator: a scan through 5xx and 429 faults equals a clean scan. */
class FaultsEndToEndTest {
  private static final SimulatorConfig INBOX = SimulatorConfig.builder()
      .seed(11).conversations(1200).build();

  private static List<String> scan(SimulatorConfig config, String sql) {
    try (InboxSimulator sim = new InboxSimulator(config).start()) {
      return QueryAssert.on(sim).with("maxAttempts=6").query(sql).rows();
    }
  }

  @Test void faultyScanReturnsExactlyTheRowsOfACleanScan() {
    SimulatorConfig faulty = INBOX.toBuilder().serverErrorEvery(4).throttleEvery(5).build();
    for (String sql : List.of(
        "select * from conversations",
        "select * from participants where account_id in ('acc_emea_01', 'acc_na_01')")) {
      List<String> clean;
      long cleanRequests;
      try (InboxSimulator sim = new InboxSimulator(INBOX).start()) {
        clean = QueryAssert.on(sim).query(sql).rows();
        cleanRequests = sim.requestCount();
      }
      assertTrue(clean.size() > 600, sql);
      try (InboxSimulator sim = new InboxSimulator(faulty).start()) {
        // the streams of several accounts arrive in any order
        QueryAssert.on(sim).with("maxAttempts=6").query(sql).returnsUnordered(clean);
        assertTrue(sim.requestCount() > cleanRequests,
            sql + ": no retries, so no faults: " + sim.requestCount() + " requests");
      }
    }
  }

  @Test void emptyPagesThatSayHasMoreAreSkipped() {
    String sql = "select id from conversations where account_id = 'acc_apac_01'";
    List<String> clean = scan(INBOX, sql);
    assertFalse(clean.isEmpty());
    assertEquals(clean, scan(INBOX.toBuilder().emptyPageEvery(2).build(), sql));
  }

  @Test void malformedBodyFailsTheQueryWithAClearError() {
    try (InboxSimulator sim = new InboxSimulator(
        INBOX.toBuilder().malformedAtRequest(3).build()).start()) {
      QueryAssert.AssertQuery q = QueryAssert.on(sim).query("select * from conversations")
          .failsWith("HY000", "SendPilot API request GET /v1/inbox/conversations?limit=100"
              + "&continuationToken=");
      q.failsWith("HY000", " answered HTTP 200 with a body the driver cannot read (");
      assertFalse(q.failureText().contains(sim.apiKey()), q.failureText());
    }
  }
}
