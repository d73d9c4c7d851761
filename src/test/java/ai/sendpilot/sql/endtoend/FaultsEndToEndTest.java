package ai.sendpilot.sql.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Through JDBC against the simulator: a scan through 5xx and 429 faults equals a clean scan. */
class FaultsEndToEndTest {
  private static final SimulatorConfig INBOX = SimulatorConfig.builder()
      .seed(11).conversations(1200).build();

  private static List<String> scan(SimulatorConfig config, String sql) throws Exception {
    try (InboxSimulator sim = new InboxSimulator(config).start();
         Connection c = SimulatorConnections.connect(sim, "maxAttempts=6")) {
      return Jdbc.rows(c, sql);
    }
  }

  /** Rows in a fixed order: streams of several accounts arrive in any order. */
  private static List<String> sorted(List<String> rows) {
    List<String> copy = new ArrayList<>(rows);
    Collections.sort(copy);
    return copy;
  }

  @Test void faultyScanReturnsExactlyTheRowsOfACleanScan() throws Exception {
    SimulatorConfig faulty = INBOX.toBuilder().serverErrorEvery(4).throttleEvery(5).build();
    for (String sql : List.of(
        "select * from conversations",
        "select * from participants where account_id in ('acc_emea_01', 'acc_na_01')")) {
      List<String> clean = sorted(scan(INBOX, sql));
      assertTrue(clean.size() > 600, sql);
      List<String> withFaults = sorted(scan(faulty, sql));
      assertEquals(clean.size(), withFaults.size(), sql);
      assertTrue(clean.equals(withFaults), sql + ": rows differ from a clean scan");
    }
  }

  @Test void emptyPagesThatSayHasMoreAreSkipped() throws Exception {
    String sql = "select id from conversations where account_id = 'acc_apac_01'";
    assertEquals(scan(INBOX, sql), scan(INBOX.toBuilder().emptyPageEvery(2).build(), sql));
  }

  @Test void malformedBodyFailsTheQueryWithAClearError() throws Exception {
    try (InboxSimulator sim = new InboxSimulator(
            INBOX.toBuilder().malformedAtRequest(3).build()).start();
         Connection c = SimulatorConnections.connect(sim)) {
      SQLException e = assertThrows(
          SQLException.class, () -> Jdbc.rows(c, "select * from conversations"));
      assertTrue(e.getMessage().contains("answered HTTP 200 with a body the driver cannot read"),
          e.getMessage());
      assertTrue(!e.getMessage().contains(sim.apiKey()), e.getMessage());
    }
  }
}
