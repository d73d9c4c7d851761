package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.QueryAssert;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code LIMIT ?} and {@code OFFSET ?} take any integral Java value, as jOOQ, Spring and Python
 * bind them, whether the limit reaches the API or runs in the driver; negative or fractional
 * counts fail with PostgreSQL's SQLStates.
 */
class LimitParametersTest {
  private static final String IN_DRIVER =
      "select id from conversations order by id limit ? offset ?";
  private static final String PUSHED =
      "select id from conversations where account_id = 'a' limit ?";

  @StartStop final MockWebServer server = new MockWebServer();
  private QueryAssert inbox;

  @BeforeEach void serve() {
    server.setDispatcher(FakeInbox.of("a", 12));
    inbox = QueryAssert.on(server);
  }

  @Test void anyIntegralTypeBindsTheLimit() throws SQLException {
    List<String> expected = inbox.query("select id from conversations order by id limit 2"
        + " offset 1").rows();
    List<Object> limits = List.of(2L, (short) 2, (byte) 2, new BigDecimal("2"),
        BigInteger.TWO, new BigDecimal("2.000"), 2);
    try (Connection c = inbox.connect(); PreparedStatement s = c.prepareStatement(IN_DRIVER)) {
      for (Object limit : limits) {
        s.setObject(1, limit);
        s.setLong(2, 1L);
        assertEquals(expected, Jdbc.rows(s.executeQuery()), limit.getClass().getName());
      }
      s.setLong(1, 2L);
      s.setBigDecimal(2, BigDecimal.ONE);
      assertEquals(expected, Jdbc.rows(s.executeQuery()));
      s.setShort(1, (short) 2);
      s.setShort(2, (short) 1);
      assertEquals(expected, Jdbc.rows(s.executeQuery()));
      s.setLong(1, 5_000_000_000L);
      s.setLong(2, 0L);
      assertEquals(12, Jdbc.rows(s.executeQuery()).size(), "beyond an int: no limit");
    }
  }

  @Test void aPushedLimitTakesALong() throws SQLException {
    try (Connection c = inbox.connect(); PreparedStatement s = c.prepareStatement(PUSHED)) {
      s.setLong(1, 3L);
      assertEquals(3, Jdbc.rows(s.executeQuery()).size());
      s.setObject(1, new BigDecimal("4"));
      assertEquals(4, Jdbc.rows(s.executeQuery()).size());
    }
  }

  @Test void negativeOrFractionalCountsFailAsInPostgresql() throws SQLException {
    try (Connection c = inbox.connect(); PreparedStatement s = c.prepareStatement(IN_DRIVER)) {
      SQLException limit = assertThrows(SQLException.class, () -> s.setLong(1, -1L));
      assertEquals("2201W", limit.getSQLState());
      assertEquals("LIMIT must not be negative, got -1", limit.getMessage());
      SQLException offset = assertThrows(SQLException.class, () -> s.setInt(2, -5));
      assertEquals("2201X", offset.getSQLState());
      SQLException fraction = assertThrows(SQLException.class,
          () -> s.setBigDecimal(1, new BigDecimal("1.5")));
      assertEquals("2201W", fraction.getSQLState());
      assertEquals("LIMIT must be a whole number, got 1.5", fraction.getMessage());
      SQLException fractionalOffset = assertThrows(SQLException.class,
          () -> s.setDouble(2, 0.5));
      assertEquals("2201X", fractionalOffset.getSQLState());
    }
  }
}
