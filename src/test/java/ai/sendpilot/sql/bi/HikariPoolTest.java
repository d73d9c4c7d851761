package ai.sendpilot.sql.bi;

import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.sendpilot.sql.jdbc.SendPilotDriver;
import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * HikariCP, the pool of Spring and BI servers, with {@code autoCommit=false} and validation by
 * {@code isValid}: connections go back to the pool cleanly, the pool proves the key once, and a
 * wrong key fails the pool's start with the error a query would meet.
 */
class HikariPoolTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private HikariConfig pool(String key) {
    HikariConfig config = new HikariConfig();
    config.setDriverClassName(SendPilotDriver.class.getName());
    config.setJdbcUrl("jdbc:sendpilot:baseUrl=" + Jdbc.baseUrl(server)
        + ";requestsPerSecond=1000000000;pageCacheTtlMs=0");
    config.setUsername("analyst");
    config.setPassword(key);
    config.setAutoCommit(false);
    config.setMinimumIdle(3);
    config.setMaximumPoolSize(3);
    config.setPoolName("sendpilot-test");
    return config;
  }

  @Test void aPoolWithoutAutoCommitServesQueries() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 3));
    List<String> counts = new ArrayList<>();
    try (HikariDataSource pool = new HikariDataSource(pool(FakeInbox.KEY))) {
      for (int i = 0; i < 6; i++) {
        if (i == 3) {
          Thread.sleep(600); // idle past Hikari's 500 ms bypass: the next borrow calls isValid
        }
        try (Connection c = pool.getConnection()) {
          assertFalse(c.getAutoCommit());
          counts.addAll(Jdbc.rows(c, "select count(*) from conversations"));
        }
      }
    }
    assertEquals(Collections.nCopies(6, "3"), counts);
    List<Map<String, String>> expected = new ArrayList<>();
    expected.add(params("limit", "1"));
    expected.addAll(Collections.nCopies(6, params("limit", "100")));
    assertEquals(expected, Requests.drain(server));
  }

  @Test void aWrongKeyFailsThePoolsStart() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 3));
    HikariConfig config = pool("sk_wrong");
    PoolInitializationException e = assertThrows(PoolInitializationException.class,
        () -> new HikariDataSource(config).close());
    SQLException cause = assertInstanceOf(SQLException.class, e.getCause());
    assertEquals("28000", cause.getSQLState());
    assertEquals(1, server.getRequestCount());
  }
}
