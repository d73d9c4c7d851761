package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.QueryAssert;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact rows through JDBC: columns, NULLs for missing fields, UTC wall-clock timestamps. */
class RowsTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach void serve() {
    server.setDispatcher(FakeInbox.of("acc1", 12));
  }

  /** Runs {@code check} with {@code zone} as the JVM's default time zone. */
  private static void inZone(String zone, Executable check) throws Throwable {
    TimeZone before = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
    try {
      assertEquals(zone, TimeZone.getDefault().getID(), "unknown zone");
      check.execute();
    } finally {
      TimeZone.setDefault(before);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC"})
  void conversationRowsMapEveryField(String zone) throws Throwable {
    inZone(zone, () -> QueryAssert.on(server).query("select * from conversations limit 2")
        .returns(
            "acc1-c0; acc1; Hello 0; 2024-02-24 15:30:00.123; received;"
                + " 2024-02-24 15:30:00.123; 0; 2024-02-23 15:30:00.123;"
                + " 2024-02-24 15:30:00.123",
            "acc1-c1; acc1; Hello 1; 2024-02-24 15:29:00.123; sent;"
                + " 2024-02-24 15:29:00.123; 1; 2024-02-23 15:29:00.123;"
                + " 2024-02-24 15:29:00.123"));
  }

  @Test void missingLastMessageIsNull() {
    QueryAssert.on(server).query("select id, last_message_content, last_message_sent_at,"
            + " last_message_direction, last_activity_at from conversations"
            + " where last_message_content is null")
        .returns("acc1-c9; null; null; null; 2024-02-24 15:21:00.123");
  }

  @Test void participantRowsOnePerParticipantWithNullPicture() {
    QueryAssert.on(server)
        .query("select * from participants where conversation_id = 'acc1-c2'")
        .returns(
            "acc1-c2; acc1; acc1-c2-p0; Zoë Nüñez 2.0; https://www.linkedin.com/in/acc1-2-0;"
                + " https://media.example/2-0.jpg",
            "acc1-c2; acc1; acc1-c2-p1; Zoë Nüñez 2.1; https://www.linkedin.com/in/acc1-2-1;"
                + " null",
            "acc1-c2; acc1; acc1-c2-p2; Zoë Nüñez 2.2; https://www.linkedin.com/in/acc1-2-2;"
                + " https://media.example/2-2.jpg");
    QueryAssert.on(server).query("select count(*) from participants").returns("24");
  }

  @ParameterizedTest
  @ValueSource(strings = {"America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC"})
  void timestampsAreTheUtcWallClockWhateverTheJvmZone(String zone) throws Throwable {
    inZone(zone, () -> {
      try (Connection c = QueryAssert.on(server).connect(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select last_activity_at from conversations limit 1")) {
        assertEquals(Types.TIMESTAMP, rs.getMetaData().getColumnType(1));
        assertTrue(rs.next());
        assertEquals("2024-02-24 15:30:00.123", rs.getString(1));
        assertEquals(Timestamp.valueOf("2024-02-24 15:30:00.123"), rs.getTimestamp(1));
        assertFalse(rs.next());
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC"})
  void timestampComparisonsUseUtc(String zone) throws Throwable {
    inZone(zone, () -> QueryAssert.on(server).query("select id from conversations"
            + " where last_activity_at >= timestamp '2024-02-24 15:28:00'")
        .returns("acc1-c0", "acc1-c1", "acc1-c2"));
  }

  @Test void identifiersMatchInAnyCaseAndQuoted() {
    for (String sql : List.of(
        "SELECT ID, ACCOUNT_ID FROM SENDPILOT.CONVERSATIONS LIMIT 1",
        "select \"id\", \"account_id\" from \"sendpilot\".\"conversations\" limit 1",
        "select Id, Account_Id from Conversations limit 1")) {
      QueryAssert.on(server).query(sql).returns("acc1-c0; acc1");
    }
  }

  @Test void columnTypesAndNullability() throws Exception {
    try (Connection c = QueryAssert.on(server).connect();
         ResultSet rs = c.getMetaData().getColumns(null, "sendpilot", "conversations", null)) {
      StringBuilder columns = new StringBuilder();
      while (rs.next()) {
        columns.append(rs.getString("COLUMN_NAME")).append(' ')
            .append(rs.getString("TYPE_NAME")).append(' ')
            .append(rs.getString("IS_NULLABLE")).append('\n');
      }
      assertEquals("id VARCHAR NO\naccount_id VARCHAR NO\n"
          + "last_message_content VARCHAR YES\n"
          + "last_message_sent_at TIMESTAMP YES\nlast_message_direction VARCHAR YES\n"
          + "last_activity_at TIMESTAMP YES\nunread_count INTEGER YES\n"
          + "created_at TIMESTAMP YES\nupdated_at TIMESTAMP YES\n", columns.toString());
    }
  }

  @Test void unreadCountIsAnInteger() throws Exception {
    try (Connection c = QueryAssert.on(server).connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select unread_count from conversations limit 4")) {
      assertEquals(Types.INTEGER, rs.getMetaData().getColumnType(1));
      List<Object> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getObject(1));
        assertEquals(values.get(values.size() - 1), rs.getInt(1));
      }
      assertEquals(List.of(0, 1, 2, 3), values);
    }
  }
}
