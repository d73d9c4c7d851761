package ai.sendpilot.sql.bi;

import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The calls DBeaver's generic JDBC driver makes when it opens a connection and then a table,
 * replayed in order, with the answers it gets.
 */
class DbeaverSessionTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test void openingAConnectionAndATable() throws Exception {
    server.setDispatcher(FakeInbox.of("acc_emea_01", 250));
    Properties info = new Properties();
    info.setProperty("user", "");
    info.setProperty("password", FakeInbox.KEY);
    info.setProperty("requestsPerSecond", "1000000000");
    try (Connection c = DriverManager.getConnection(
        "jdbc:sendpilot:baseUrl=" + Jdbc.baseUrl(server), info)) {
      assertEquals(List.of(params("limit", "1")), Requests.drain(server));

      DatabaseMetaData md = c.getMetaData();
      assertEquals("SendPilot", md.getDatabaseProductName());
      assertEquals("v1", md.getDatabaseProductVersion());
      assertEquals("SendPilot SQL driver", md.getDriverName());
      assertEquals("0.1.0", md.getDriverVersion());
      assertEquals(4, md.getJDBCMajorVersion());
      assertEquals("sendpilot", md.getUserName());
      assertFalse(md.supportsTransactions());
      assertTrue(md.isReadOnly());
      assertTrue(md.supportsSchemasInDataManipulation());
      assertTrue(md.supportsSchemasInTableDefinitions());
      assertFalse(md.supportsCatalogsInDataManipulation());
      assertFalse(md.supportsCatalogsInTableDefinitions());
      assertFalse(md.supportsMixedCaseIdentifiers());
      assertTrue(md.storesMixedCaseIdentifiers());
      assertFalse(md.supportsMixedCaseQuotedIdentifiers());
      assertTrue(md.storesMixedCaseQuotedIdentifiers());
      assertEquals("\"", md.getIdentifierQuoteString());
      assertEquals("schema", md.getSchemaTerm());
      assertTrue(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY));
      assertEquals(List.of(), Jdbc.columns(md.getCatalogs(), "TABLE_CAT"));
      assertEquals(List.of("metadata", "sendpilot"), Jdbc.columns(md.getSchemas(), "TABLE_SCHEM"));
      assertEquals(List.of("ApplicationName", "ClientHostname", "ClientUser"),
          Jdbc.columns(md.getClientInfoProperties(), "NAME"));
      List<String> types = Jdbc.columns(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE");
      assertTrue(types.containsAll(List.of("VARCHAR|12", "INTEGER|4", "TIMESTAMP|93")),
          types.toString());

      c.setClientInfo("ApplicationName", "DBeaver 24.3.0 - Main");
      c.setReadOnly(false);
      assertTrue(c.isReadOnly());
      assertEquals(Connection.TRANSACTION_NONE, c.getTransactionIsolation());
      c.setTransactionIsolation(Connection.TRANSACTION_NONE);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      c.setAutoCommit(false);
      assertFalse(c.getAutoCommit());
      assertEquals("sendpilot", c.getSchema());
      assertNull(c.getCatalog());

      assertEquals(List.of("conversations|TABLE", "messages|TABLE", "participants|TABLE"),
          Jdbc.columns(md.getTables(null, "sendpilot", "%", new String[] {"TABLE", "VIEW"}),
              "TABLE_NAME", "TABLE_TYPE"));
      assertEquals(List.of("id|VARCHAR|4096", "account_id|VARCHAR|4096",
              "last_message_content|VARCHAR|100", "last_message_sent_at|TIMESTAMP|23",
              "last_message_direction|VARCHAR|8", "last_activity_at|TIMESTAMP|23",
              "unread_count|INTEGER|10", "created_at|TIMESTAMP|23", "updated_at|TIMESTAMP|23"),
          Jdbc.columns(md.getColumns(null, "sendpilot", "conversations", "%"), "COLUMN_NAME",
              "TYPE_NAME", "COLUMN_SIZE"));
      assertEquals(List.of("account_id|1", "id|2"),
          Jdbc.columns(md.getPrimaryKeys(null, "sendpilot", "conversations"), "COLUMN_NAME",
              "KEY_SEQ"));
      assertEquals(List.of(), Jdbc.columns(md.getImportedKeys(null, "sendpilot", "conversations"),
          "FK_NAME"));
      assertEquals(List.of("messages|account_id", "messages|conversation_id",
          "participants|account_id", "participants|conversation_id"),
          Jdbc.columns(md.getExportedKeys(null, "sendpilot", "conversations"), "FKTABLE_NAME",
              "FKCOLUMN_NAME"));
      assertEquals(List.of(), Jdbc.columns(
          md.getIndexInfo(null, "sendpilot", "conversations", false, true), "INDEX_NAME"));
      assertEquals(List.of(), Requests.drain(server));

      List<String> rows = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      try (Statement s = c.createStatement()) {
        s.setMaxRows(200);
        s.setFetchSize(200);
        try (ResultSet rs = s.executeQuery("select * from \"sendpilot\".\"conversations\"")) {
          ResultSetMetaData rmd = rs.getMetaData();
          for (int i = 1; i <= rmd.getColumnCount(); i++) {
            labels.add(rmd.getColumnLabel(i) + ":" + rmd.getColumnTypeName(i) + ":"
                + rmd.getColumnDisplaySize(i));
          }
          rows.addAll(Jdbc.rows(rs));
          Requests.awaitDriverIdle(); // a read-ahead sent before the close is then seen
        }
      }
      c.commit();
      c.rollback();
      assertEquals(List.of("id:VARCHAR:4096", "account_id:VARCHAR:4096",
          "last_message_content:VARCHAR:100", "last_message_sent_at:TIMESTAMP:23",
          "last_message_direction:VARCHAR:8", "last_activity_at:TIMESTAMP:23",
          "unread_count:INTEGER:11", "created_at:TIMESTAMP:23", "updated_at:TIMESTAMP:23"),
          labels);
      assertEquals(200, rows.size());
      assertEquals("acc_emea_01-c0; acc_emea_01; Hello 0; 2024-02-24 15:30:00.123; received;"
          + " 2024-02-24 15:30:00.123; 0; 2024-02-23 15:30:00.123; 2024-02-24 15:30:00.123",
          rows.get(0));
      assertEquals("acc_emea_01-c199; acc_emea_01; null; null; null; 2024-02-24 12:11:00.123;"
          + " 3; 2024-02-23 12:11:00.123; 2024-02-24 12:11:00.123", rows.get(199));
      // maxRows is applied to the rows, not sent to the API: the page after the 200th row was
      // read ahead before the result set was closed.
      assertEquals(List.of(params("limit", "100"),
          params("limit", "100", "continuationToken", FakeInbox.token(100)),
          params("limit", "100", "continuationToken", FakeInbox.token(200))),
          Requests.drain(server));
    }
  }
}
