package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.QueryAssert;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQL the driver cannot run fails with one line that says why, where, and a SQLState tools
 * understand; writes fail as writes to a read-only source, not as a planner dump.
 */
class SqlErrorsTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private QueryAssert inbox;

  @BeforeEach void serve() {
    server.setDispatcher(FakeInbox.of("a", 3));
    inbox = QueryAssert.on(server);
  }

  @Test void writesAreRefusedAsReadOnly() throws Exception {
    List<String> statements = List.of(
        "insert into conversations (id, account_id) values ('x', 'a')",
        "  UPDATE conversations set unread_count = 0",
        "/* clean up */ delete from participants",
        "-- new table\ncreate table notes (id varchar(10))",
        "drop table conversations",
        "merge into conversations c using conversations d on c.id = d.id"
            + " when matched then update set unread_count = 0",
        "alter table conversations add column x int",
        "truncate table conversations");
    List<String> verbs = List.of("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "MERGE",
        "ALTER", "TRUNCATE");
    try (Connection c = inbox.connect(); Statement s = c.createStatement()) {
      for (int i = 0; i < statements.size(); i++) {
        String sql = statements.get(i);
        String expected = "SendPilot is read-only: " + verbs.get(i) + " statements are not"
            + " supported";
        for (SQLException e : List.of(
            assertThrows(SQLException.class, () -> s.execute(sql), sql),
            assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql),
            assertThrows(SQLException.class, () -> c.prepareStatement(sql), sql))) {
          assertEquals("25006", e.getSQLState(), sql);
          assertEquals(expected, e.getMessage(), sql);
        }
      }
    }
    assertEquals(List.of(), Requests.drain(server));
  }

  @Test void aSyntaxErrorSaysWhere() {
    inbox.query("select id, from conversations").failsWith("42000",
        "Syntax error: Encountered \", from\" at line 1, column 10");
    inbox.with("dialect=calcite").query("select id, from conversations").failsWith("42000",
        "Syntax error: Encountered \"from\" at line 1, column 12");
    assertOneLine(inbox.query("select id, from conversations").failure());
    inbox.query("selec 1").failsWith("42000", "Syntax error: Non-query expression encountered"
        + " in illegal context at line 1, column 1");
  }

  @Test void anUnknownTableIs42S02() {
    inbox.query("select * from nosuch").failsWith("42S02",
        "Object 'nosuch' not found at line 1, column 15");
    inbox.query("select * from sendpilot.nosuch").failsWith("42S02",
        "Object 'nosuch' not found within 'sendpilot' at line 1, column 15");
  }

  @Test void anUnknownColumnIs42S22() {
    inbox.query("select nosuch from conversations").failsWith("42S22",
        "Column 'nosuch' not found in any table at line 1, column 8");
    inbox.query("select c.nosuch from conversations c").failsWith("42S22",
        "Column 'nosuch' not found in table 'c' at line 1, column 10");
  }

  @Test void otherValidationErrorsAre42000() {
    inbox.query("select id from conversations group by account_id").failsWith("42000",
        "Expression 'id' is not being grouped at line 1, column 8");
  }

  @Test void messagesAreOneLine() {
    for (String sql : List.of("select id, from conversations", "select * from nosuch",
        "select nosuch from conversations", "insert into conversations values (1)",
        "select id from conversations group by account_id")) {
      assertOneLine(inbox.query(sql).failure());
    }
  }

  private static void assertOneLine(SQLException e) {
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
