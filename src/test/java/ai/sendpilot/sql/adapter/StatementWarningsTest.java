package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a scan notices that leaves rows out without failing (a conversation named in the SQL that
 * the API does not know, an account named in the SQL without any conversation) reaches the
 * statement as SQLWarnings, through {@code Statement.getWarnings} and
 * {@code ResultSet.getWarnings}, and is cleared when the statement runs again.
 */
class StatementWarningsTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach void serve() {
    server.setDispatcher(new FakeInbox(List.of("a", "b"), List.of(3, 2))
        .withDeletedThread("a-c1"));
  }

  private Connection connect() throws Exception {
    return Jdbc.connect(server, "requestsPerSecond=1000000000");
  }

  private static List<String> messages(SQLWarning first) {
    List<String> all = new ArrayList<>();
    for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
      assertEquals("01000", w.getSQLState());
      all.add(w.getMessage());
    }
    return all;
  }

  private static String emptyAccount(String account) {
    return "SendPilot returned no conversation for account_id '" + account + "' (its first page"
        + " was empty): check the account id, for example against select distinct account_id"
        + " from sendpilot.conversations.";
  }

  @Test void aDeletedConversationNamedInTheSqlIsAWarning() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select id from messages"
          + " where conversation_id = 'a-c1' and account_id = 'a'")) {
        assertFalse(rs.next());
        List<String> warnings = messages(s.getWarnings());
        assertEquals(List.of("Skipped the messages of conversation a-c1 of account a, which"
            + " SendPilot does not know (HTTP 404): SendPilot API request GET"
            + " /v1/inbox/conversations/a-c1/messages?accountId=a&limit=100 failed with HTTP"
            + " 404: Conversation not found"), warnings);
        // The same warning objects through the result set, so a tool shows each once.
        assertSame(s.getWarnings(), rs.getWarnings());
      }
      // Running the statement again starts without the old warnings.
      try (ResultSet rs = s.executeQuery("select id from messages"
          + " where conversation_id = 'a-c0' and account_id = 'a'")) {
        while (rs.next()) {
          rs.getString(1);
        }
        assertNull(s.getWarnings());
      }
    }
  }

  @Test void clearWarningsClearsTheScansWarnings() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id from conversations where account_id = 'x'")) {
      assertFalse(rs.next());
      assertEquals(List.of(emptyAccount("x")), messages(s.getWarnings()));
      s.clearWarnings();
      assertNull(s.getWarnings());
      assertNull(rs.getWarnings());
    }
  }

  @Test void anAccountWithoutConversationsIsNamedInAWarning() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select count(*) from conversations"
             + " where account_id in ('a', 'acc-typo', 'b')")) {
      rs.next();
      assertEquals(5, rs.getInt(1));
      assertEquals(List.of(emptyAccount("acc-typo")), messages(s.getWarnings()));
    }
  }

  @Test void eachExecutionOfAPreparedStatementHasItsOwnWarnings() throws Exception {
    try (Connection c = connect(); PreparedStatement p = c.prepareStatement(
        "select id from conversations where account_id = ?")) {
      for (String account : List.of("nobody", "a", "nobody-else")) {
        p.setString(1, account);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            rs.getString(1);
          }
          List<String> expected = account.equals("a") ? List.of()
              : List.of(emptyAccount(account));
          assertEquals(expected, messages(p.getWarnings()), account);
          assertEquals(expected, messages(rs.getWarnings()), account);
        }
      }
    }
  }

  @Test void aScanOfAllAccountsOrWithRowsWarnsOfNothing() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String sql : List.of("select id from conversations",
          "select id from conversations where account_id = 'a'",
          "select m.id from conversations c join messages m on m.conversation_id = c.id"
              + " and m.account_id = c.account_id where c.account_id = 'b'")) {
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            rs.getString(1);
          }
          assertNull(s.getWarnings(), sql);
        }
      }
    }
  }
}
