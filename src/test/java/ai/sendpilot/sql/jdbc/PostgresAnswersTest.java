package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.QueryAssert;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The answers PostgreSQL gives where Calcite's differ, by default; {@code dialect=calcite} keeps
 * Calcite's. Each expected value is PostgreSQL 15's answer to the same SQL
 * ({@code PostgresCorpusTest} runs these shapes against a real PostgreSQL too).
 */
class PostgresAnswersTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private QueryAssert inbox;

  @BeforeEach void serve() {
    server.setDispatcher(FakeInbox.of("a", 12));
    inbox = QueryAssert.on(server);
  }

  @Test void averagesOfIntegersAreNumeric() throws SQLException {
    assertNear("0.33333333333333333333",
        value("select avg(x) from (values (1), (0), (0)) as t(x)"));
    assertNear("0.33", value("select round(avg(x), 2) from (values (1), (0), (0)) as t(x)"));
    assertNear("0.57735026918962576451",
        value("select stddev(x) from (values (1), (0), (0)) as t(x)"));
    assertNear("1", value("select avg(x) filter (where x > 0) from (values (1), (0)) as t(x)"));
    assertNear("0.5", value("select avg(x) over () from (values (1), (0)) as t(x)"));
  }

  @Test void sumsOfIntegersAreBigints() throws SQLException {
    assertEquals("3000000000", value("select sum(x) * 1000000000 from (values (1), (2)) as t(x)"));
    inbox.query("select sum(unread_count) * 1000000000 from conversations")
        .returns(List.of(String.valueOf(sumOfUnread() * 1_000_000_000L)));
  }

  @Test void dayOfWeekCountsFromSunday() throws SQLException {
    assertEquals("0", value("select extract(dow from timestamp '2024-02-25 10:00:00')"));
    assertEquals("0.0", value("select date_part('dow', timestamp '2024-02-25 10:00:00')"));
    assertEquals("6", value("select extract(dow from date '2024-02-24')"));
    assertEquals("7", value("select extract(isodow from date '2024-02-25')"));
  }

  @Test void epochAndSecondsKeepTheirFraction() throws SQLException {
    assertNear("1708855200.123",
        value("select extract(epoch from timestamp '2024-02-25 10:00:00.123')"));
    assertNear("12.345", value("select extract(second from timestamp '2024-02-25 10:00:12.345')"));
    assertNear("1708855200.123",
        value("select date_part('epoch', timestamp '2024-02-25 10:00:00.123')"));
    assertNear("1704067200", value("select extract(epoch from date '2024-01-01')"));
  }

  @Test void stringFunctionsArePostgresqls() throws SQLException {
    assertEquals("abcd", value("select left('abcdef', -2)"));
    assertEquals("cdef", value("select right('abcdef', -2)"));
    assertEquals("ab", value("select left('abcdef', 2)"));
    assertEquals("García López", value("select initcap('garcía lópez')"));
    assertEquals("Hello World", value("select initcap('hELLO wORLD')"));
  }

  @Test void lengthCountsCharactersNotUtf16Units() throws SQLException {
    try (Connection c = inbox.connect();
         PreparedStatement s = c.prepareStatement("select length(?), char_length(?)")) {
      s.setString(1, "Sounds good \uD83D\uDC4D");
      s.setString(2, "\uD83D\uDC4D");
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(13, rs.getInt(1));
        assertEquals(1, rs.getInt(2));
      }
    }
  }

  @Test void castsToIntegersRound() throws SQLException {
    assertEquals("3", value("select cast(2.7 as int)"));
    assertEquals("-3", value("select cast(-2.5 as integer)"));
    assertEquals("2", value("select cast(2.4 as bigint)"));
  }

  @Test void timestampsCastToTextKeepMilliseconds() throws SQLException {
    assertEquals("2024-02-25 10:00:00.123",
        value("select cast(timestamp '2024-02-25 10:00:00.123' as varchar)"));
    assertEquals("2024-02-25 10:00:00.12",
        value("select cast(timestamp '2024-02-25 10:00:00.120' as text)"));
    assertEquals("2024-02-25 10:00:00", value("select timestamp '2024-02-25 10:00:00'::text"));
  }

  @Test void sharesOfAWindowTotalDoNotFail() {
    List<String> rows = inbox.query("select last_message_direction,"
        + " count(*) * 100.0 / sum(count(*)) over () as share from conversations"
        + " group by last_message_direction").rows();
    BigDecimal total = BigDecimal.ZERO;
    for (String row : rows) {
      total = total.add(new BigDecimal(row.substring(row.indexOf("; ") + 2)));
    }
    assertTrue(total.subtract(BigDecimal.valueOf(100)).abs()
        .compareTo(new BigDecimal("1e-9")) < 0, rows.toString());
  }

  @Test void columnNamesAreTheirLabels() throws SQLException {
    try (Connection c = inbox.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select c.id as conversation, p.name,"
             + " c.account_id as name2 from conversations c join participants p"
             + " on p.conversation_id = c.id and p.account_id = c.account_id where 1 = 0")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals("conversation", md.getColumnName(1));
      assertEquals("conversation", md.getColumnLabel(1));
      assertEquals("name", md.getColumnName(2));
      assertEquals("name2", md.getColumnName(3));
    }
  }

  @Test void theCalciteDialectKeepsCalcitesAnswers() throws SQLException {
    QueryAssert calcite = inbox.with("dialect=calcite");
    calcite.query("select avg(x) from (values (1), (0), (0)) as t(x)").returns("0");
    calcite.query("select extract(dow from timestamp '2024-02-25 10:00:00')").returns("1");
    calcite.query("select cast(2.7 as int)").returns("2");
    try (Connection c = calcite.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id as conversation from conversations"
             + " where 1 = 0")) {
      assertEquals("id", rs.getMetaData().getColumnName(1));
    }
  }

  @Test void anUnknownDialectFailsTheConnection() {
    SQLException e = assertThrows(SQLException.class,
        () -> inbox.with("dialect=mysql").connect().close());
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("dialect must be postgresql or calcite"), e.getMessage());
  }

  private long sumOfUnread() {
    long sum = 0;
    for (String row : inbox.query("select unread_count from conversations").rows()) {
      sum += Long.parseLong(row);
    }
    return sum;
  }

  private String value(String sql) throws SQLException {
    try (Connection c = inbox.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      String value = rs.getString(1);
      assertNotNull(value, sql);
      return value;
    }
  }

  /** Equal to 15 significant digits: the driver's numeric division keeps 16, PostgreSQL more. */
  private static void assertNear(String expected, String actual) {
    BigDecimal e = new BigDecimal(expected);
    BigDecimal a = new BigDecimal(actual);
    BigDecimal tolerance = e.abs().max(BigDecimal.ONE).multiply(new BigDecimal("1e-15"));
    assertTrue(e.subtract(a).abs().compareTo(tolerance) <= 0,
        "expected " + expected + ", got " + actual);
  }
}
