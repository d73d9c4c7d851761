package ai.sendpilot.sql.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.DemoInbox;
import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The simulator's ties in {@code lastActivityAt} (runs of conversations in one millisecond,
 * across and within accounts, across page boundaries), and the driver's reading of them: no
 * conversation dropped as a repeat at a page boundary, newest-first order with equal times.
 */
class TiesTest {
  private static final int ACCOUNTS = 3;
  private static final int PAGE = 7;
  private static final SimulatorConfig CONFIG = SimulatorConfig.builder().seed(11)
      .conversations(420).accountIds("a1", "a2", "a3").tiesPercent(40).build();

  @Test void simulatorMakesTiesEverywhere() {
    DemoInbox inbox = new DemoInbox(CONFIG);
    int acrossAccounts = 0;
    int withinAccount = 0;
    int atPageBoundary = 0;
    for (long k = 0; k + 1 < inbox.size(); k++) {
      assertTrue(inbox.lastActivityAt(k + 1) <= inbox.lastActivityAt(k), "order at " + k);
      acrossAccounts += inbox.lastActivityAt(k + 1) == inbox.lastActivityAt(k) ? 1 : 0;
      long next = k + ACCOUNTS;
      if (next < inbox.size() && inbox.lastActivityAt(next) == inbox.lastActivityAt(k)) {
        withinAccount++;
        // Within its account, conversation k is number k / ACCOUNTS.
        atPageBoundary += (k / ACCOUNTS) % PAGE == PAGE - 1 ? 1 : 0;
      }
    }
    assertTrue(acrossAccounts > 100, acrossAccounts + " ties across accounts");
    assertTrue(withinAccount > 5, withinAccount + " ties within an account");
    assertTrue(atPageBoundary > 0, "no tie across a page boundary of " + PAGE);
    assertTrue(new DemoInbox(CONFIG.toBuilder().tiesPercent(0).build()).lastActivityAt(1)
        < inbox.lastActivityAt(0), "without ties, times are strictly decreasing");
  }

  @Test void driverReadsEveryConversationOnceNewestFirst() throws Exception {
    try (InboxSimulator sim = new InboxSimulator(CONFIG).start();
        Connection c = DriverManager.getConnection("jdbc:sendpilot:baseUrl=" + sim.baseUrl()
            + ";apiKey=" + sim.apiKey() + ";pageSize=" + PAGE + ";requestsPerSecond=100000");
        Statement s = c.createStatement()) {
      for (String where : List.of("", " where account_id in ('a1', 'a2', 'a3')",
          " where account_id = 'a2'")) {
        List<String> ids = new ArrayList<>();
        Timestamp previous = null;
        try (ResultSet rs = s.executeQuery("select id, last_activity_at from conversations"
            + where + " order by last_activity_at desc")) {
          while (rs.next()) {
            Timestamp at = rs.getTimestamp(2);
            assertTrue(previous == null || !at.after(previous), "order broken at " + ids.size());
            previous = at;
            ids.add(rs.getString(1));
          }
        }
        Set<String> expected = new HashSet<>();
        DemoInbox inbox = sim.inbox();
        for (long k = 0; k < inbox.size(); k++) {
          if (where.isEmpty() || where.contains("'" + inbox.accountIdOf(k) + "'")) {
            expected.add(inbox.conversationId(k));
          }
        }
        assertEquals(expected.size(), ids.size(), "rows" + where);
        assertEquals(expected, new HashSet<>(ids), "conversations" + where);
      }
    }
  }
}
