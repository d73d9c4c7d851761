package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.QueryAssert;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's session statements, as tools send them: SET, SHOW and RESET of settings, and
 * transaction statements that change nothing on a read-only database.
 */
class SessionStatementsTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private QueryAssert inbox;

  @BeforeEach void serve() {
    server.setDispatcher(FakeInbox.of("a", 12));
    inbox = QueryAssert.on(server);
  }

  @Test void showAnswersOneRowNamedAfterTheSetting() throws SQLException {
    try (Connection c = inbox.connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("show timezone")) {
        assertEquals("TimeZone", rs.getMetaData().getColumnLabel(1));
        assertEquals(List.of("UTC"), Jdbc.rows(rs));
      }
      assertEquals(List.of("on"), Jdbc.rows(s.executeQuery("SHOW standard_conforming_strings;")));
      assertEquals(List.of("read committed"),
          Jdbc.rows(s.executeQuery("show transaction isolation level")));
      SQLException unknown = assertThrows(SQLException.class,
          () -> s.executeQuery("show no_such_setting"));
      assertEquals("42704", unknown.getSQLState());
    }
  }

  @Test void setChangesWhatShowSaysUntilReset() throws SQLException {
    try (Connection c = inbox.connect(); Statement s = c.createStatement()) {
      assertFalse(s.execute("SET application_name = 'Metabase'"));
      assertEquals(List.of("Metabase"), Jdbc.rows(s.executeQuery("show application_name")));
      assertEquals(0, s.executeUpdate("set session timezone to 'Europe/Paris'"));
      assertEquals(List.of("Europe/Paris"), Jdbc.rows(s.executeQuery("show timezone")));
      s.execute("reset timezone");
      assertEquals(List.of("UTC"), Jdbc.rows(s.executeQuery("show timezone")));
      s.execute("set extra_float_digits = 3");
      s.execute("reset all");
      assertEquals(List.of(""), Jdbc.rows(s.executeQuery("show application_name")));
    }
  }

  @Test void searchPathSetsTheSchema() throws SQLException {
    try (Connection c = inbox.connect(); Statement s = c.createStatement()) {
      s.execute("set search_path to sendpilot, public");
      assertEquals("sendpilot", c.getSchema());
      assertEquals(List.of("sendpilot, public"), Jdbc.rows(s.executeQuery("show search_path")));
    }
  }

  @Test void statementTimeoutBecomesTheQueryTimeout() throws SQLException {
    try (Connection c = inbox.connect(); Statement s = c.createStatement()) {
      s.execute("set statement_timeout = 2500");
      Jdbc.rows(s.executeQuery("select count(*) from conversations"));
      assertEquals(3, s.getQueryTimeout());
    }
  }

  @Test void transactionStatementsAreNoOps() throws SQLException {
    try (Connection c = inbox.connect(); Statement s = c.createStatement()) {
      for (String sql : List.of("BEGIN", "begin read only", "START TRANSACTION", "COMMIT",
          "ROLLBACK", "end", "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
          "-- Metabase\nBEGIN;")) {
        assertFalse(s.execute(sql), sql);
      }
      SQLException noRows = assertThrows(SQLException.class, () -> s.executeQuery("BEGIN"));
      assertEquals("02000", noRows.getSQLState());
      assertTrue(Jdbc.rows(s.executeQuery("select count(*) from conversations")).size() == 1);
    }
  }

  @Test void sessionFunctionsAnswer() {
    inbox.query("select current_database(), current_setting('TimeZone'),"
        + " version() like 'PostgreSQL 15.%'").returns("sendpilot; UTC; true");
  }

  @Test void theCalciteDialectHasNoSessionStatements() {
    inbox.with("dialect=calcite").query("show timezone").failsWith("42000", "Syntax error");
  }
}
