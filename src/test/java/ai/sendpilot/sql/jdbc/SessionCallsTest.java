package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.QueryAssert;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection calls pools, Spring and BI tools make around their queries: transactions on
 * a read-only source, client info, the schema and the user.
 */
class SessionCallsTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach void serve() {
    server.setDispatcher(FakeInbox.of("a", 3));
  }

  @Test void commitAndRollbackAreNoOpsWithAutoCommitOnOrOff() throws Exception {
    try (Connection c = QueryAssert.on(server).connect()) {
      assertTrue(c.getAutoCommit(), "JDBC connections start in auto-commit mode");
      for (boolean autoCommit : List.of(true, false, true)) {
        c.setAutoCommit(autoCommit);
        assertEquals(autoCommit, c.getAutoCommit());
        c.commit();
        c.rollback();
        assertEquals(List.of("3"), Jdbc.rows(c, "select count(*) from conversations"));
        c.commit();
        c.rollback();
      }
    }
  }

  @Test void theConnectionIsReadOnlyWithoutTransactions() throws Exception {
    try (Connection c = QueryAssert.on(server).connect()) {
      assertTrue(c.isReadOnly());
      c.setReadOnly(false);
      assertTrue(c.isReadOnly(), "a hint a read-only source may ignore");
      c.setReadOnly(true);
      assertTrue(c.isReadOnly());
      assertEquals(Connection.TRANSACTION_NONE, c.getTransactionIsolation());
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      assertEquals(Connection.TRANSACTION_NONE, c.getTransactionIsolation());
      c.setTransactionIsolation(Connection.TRANSACTION_NONE);
      assertEquals(Connection.TRANSACTION_NONE, c.getTransactionIsolation());
      assertTrue(c.getMetaData().isReadOnly());
    }
  }

  @Test void standardClientInfoIsKept() throws Exception {
    try (Connection c = QueryAssert.on(server).connect()) {
      c.setClientInfo("ApplicationName", "DBeaver 24.3");
      Properties more = new Properties();
      more.setProperty("ClientUser", "ana");
      more.setProperty("ClientHostname", "laptop-7");
      c.setClientInfo(more);
      assertEquals("DBeaver 24.3", c.getClientInfo("ApplicationName"));
      assertEquals(Map.of("ApplicationName", "DBeaver 24.3", "ClientUser", "ana",
          "ClientHostname", "laptop-7"), c.getClientInfo());
      assertNull(c.getWarnings());
      c.setClientInfo("ApplicationName", null);
      assertNull(c.getClientInfo("ApplicationName"));
    }
  }

  @Test void unknownClientInfoIsAWarning() throws Exception {
    try (Connection c = QueryAssert.on(server).connect()) {
      c.setClientInfo("Colour", "blue");
      assertNull(c.getClientInfo("Colour"));
      SQLWarning warning = c.getWarnings();
      assertEquals("Client info property 'Colour' is not kept; the driver keeps ApplicationName,"
          + " ClientUser and ClientHostname", warning.getMessage());
      assertEquals("01000", warning.getSQLState());
      c.clearWarnings();
      assertNull(c.getWarnings());
    }
  }

  @Test void setSchemaAcceptsKnownSchemasInAnyCase() throws Exception {
    try (Connection c = QueryAssert.on(server).connect()) {
      c.setSchema("SENDPILOT");
      assertEquals("sendpilot", c.getSchema());
      assertEquals(List.of("3"), Jdbc.rows(c, "select count(*) from conversations"));
    }
  }

  @Test void setSchemaToAnUnknownSchemaFails() throws Exception {
    try (Connection c = QueryAssert.on(server).connect()) {
      SQLException e = assertThrows(SQLException.class, () -> c.setSchema("crm"));
      assertEquals("3F000", e.getSQLState());
      assertEquals("Schema 'crm' does not exist; the schemas are metadata, sendpilot",
          e.getMessage());
      assertEquals("sendpilot", c.getSchema());
    }
  }

  @Test void theUserNameIsTheJdbcUserOrSendpilot() throws Exception {
    try (Connection c = QueryAssert.on(server).connect()) {
      assertEquals("sendpilot", c.getMetaData().getUserName());
    }
    Properties info = new Properties();
    info.setProperty("user", "analyst");
    info.setProperty("password", FakeInbox.KEY);
    info.setProperty("validateOnConnect", "false");
    try (Connection c = DriverManager.getConnection(
        "jdbc:sendpilot:baseUrl=" + Jdbc.baseUrl(server), info)) {
      assertEquals("analyst", c.getMetaData().getUserName());
    }
    assertEquals(List.of(), Requests.drain(server));
  }
}
