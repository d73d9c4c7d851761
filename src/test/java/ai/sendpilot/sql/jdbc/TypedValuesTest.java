package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.QueryAssert;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ResultSet.getObject(i, Class)} and {@code PreparedStatement.setObject} with the
 * java.time types, as Metabase and Spring use them. Timestamps are the UTC wall clock: the
 * surefire JVM runs in America/New_York to show that its zone plays no part.
 */
class TypedValuesTest {
  private static final Instant NEWEST = FakeInbox.NEWEST;
  private static final String ROW = "select last_activity_at, unread_count, id,"
      + " cast(last_activity_at as date) as activity_day, last_message_sent_at"
      + " from conversations where id = 'a-c9'";

  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach void serve() {
    server.setDispatcher(FakeInbox.of("a", 12));
  }

  /** Conversation a-c9: activity 9 minutes before NEWEST, no last message, 1 unread. */
  private interface RowCheck {
    void check(ResultSet rs) throws SQLException;
  }

  private void onRow(RowCheck check) throws Exception {
    try (Connection c = QueryAssert.on(server).connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(ROW)) {
      assertTrue(rs.next());
      check.check(rs);
    }
  }

  @Test void timestampsAsJavaTime() throws Exception {
    Instant at = NEWEST.minusSeconds(9 * 60);
    onRow(rs -> {
      assertEquals(LocalDateTime.ofInstant(at, ZoneOffset.UTC),
          rs.getObject(1, LocalDateTime.class));
      assertEquals(LocalDateTime.parse("2024-02-24T15:21:00.123"),
          rs.getObject("last_activity_at", LocalDateTime.class));
      assertEquals(at.atOffset(ZoneOffset.UTC), rs.getObject(1, OffsetDateTime.class));
      assertEquals(at, rs.getObject(1, Instant.class));
      assertEquals(LocalDate.of(2024, 2, 24), rs.getObject(1, LocalDate.class));
      assertEquals(rs.getTimestamp(1), rs.getObject(1, Timestamp.class));
      assertEquals("2024-02-24 15:21:00.123", rs.getObject(1, String.class));
      assertEquals(rs.getObject(1), rs.getObject(1, Object.class));
    });
  }

  @Test void datesAsJavaTime() throws Exception {
    onRow(rs -> {
      assertEquals(LocalDate.of(2024, 2, 24), rs.getObject(4, LocalDate.class));
      assertEquals(LocalDate.of(2024, 2, 24), rs.getObject("activity_day", LocalDate.class));
      assertEquals(rs.getDate(4), rs.getObject(4, Date.class));
      assertEquals(LocalDateTime.of(2024, 2, 24, 0, 0), rs.getObject(4, LocalDateTime.class));
    });
  }

  @Test void numbersAndText() throws Exception {
    onRow(rs -> {
      assertEquals(1, rs.getObject(2, Integer.class));
      assertEquals(1L, rs.getObject(2, Long.class));
      assertEquals(1.0, rs.getObject(2, Double.class));
      assertEquals(new BigDecimal("1"), rs.getObject(2, BigDecimal.class));
      assertEquals("1", rs.getObject(2, String.class));
      assertEquals("a-c9", rs.getObject(3, String.class));
      assertEquals("a-c9", rs.getObject("id", String.class));
    });
  }

  @Test void nullsStayNull() throws Exception {
    onRow(rs -> {
      assertNull(rs.getObject(5, LocalDateTime.class));
      assertNull(rs.getObject(5, Instant.class));
      assertNull(rs.getObject(5, Timestamp.class));
      assertNull(rs.getObject(5, String.class));
    });
  }

  @Test void anImpossibleConversionIsAnSqlException() throws Exception {
    onRow(rs -> {
      SQLException e = assertThrows(SQLException.class,
          () -> rs.getObject(3, LocalDateTime.class));
      assertEquals("07006", e.getSQLState());
      assertEquals("Cannot read column 3 (id, VARCHAR) as java.time.LocalDateTime",
          e.getMessage());
    });
  }

  @Test void javaTimeParametersMeanTheUtcWallClock() throws Exception {
    Instant since = NEWEST.minusSeconds(150);
    List<Object> values = List.of(LocalDateTime.ofInstant(since, ZoneOffset.UTC), since,
        since.atOffset(ZoneOffset.ofHours(2)), since.atZone(ZoneOffset.UTC),
        ZonedDateTime.ofInstant(since, ZoneId.of("Asia/Tokyo")));
    List<Object> counts = new ArrayList<>();
    try (Connection c = QueryAssert.on(server).connect();
         PreparedStatement ps = c.prepareStatement(
             "select count(*) from conversations where last_activity_at >= ?")) {
      for (Object value : values) {
        ps.setObject(1, value);
        counts.add(count(ps));
        ps.setObject(1, value, Types.TIMESTAMP);
        counts.add(count(ps));
      }
    }
    assertEquals(List.of(3L, 3L, 3L, 3L, 3L, 3L, 3L, 3L, 3L, 3L), counts);
  }

  @Test void aLocalDateParameterIsADate() throws Exception {
    try (Connection c = QueryAssert.on(server).connect();
         PreparedStatement ps = c.prepareStatement(
             "select count(*) from conversations where cast(last_activity_at as date) = ?")) {
      ps.setObject(1, LocalDate.of(2024, 2, 24));
      assertEquals(12L, count(ps));
      ps.setObject(1, LocalDate.of(2024, 2, 23));
      assertEquals(0L, count(ps));
    }
  }

  private static long count(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
