package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.QueryAssert;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What BI tools show of the schema: column types, sizes and descriptions, names found in any
 * case, and the keys that draw ER diagrams and let Metabase find joins. Metadata sends nothing.
 */
class MetadataTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private Connection connection;
  private DatabaseMetaData md;

  @BeforeEach void connect() throws SQLException {
    server.setDispatcher(FakeInbox.of("a", 3));
    connection = QueryAssert.on(server).connect();
    md = connection.getMetaData();
  }

  @AfterEach void sentNothing() throws Exception {
    connection.close();
    assertEquals(List.of(), Requests.drain(server));
  }

  private static final String[] COLUMN_FIELDS = {"TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
      "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE",
      "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "IS_AUTOINCREMENT",
      "IS_GENERATEDCOLUMN"};

  @Test void columnsHaveTypesSizesAndDescriptions() throws Exception {
    assertEquals(List.of(
        "sendpilot|conversations|id|12|VARCHAR|4096|null|null|0|4096|1|NO|NO|NO",
        "sendpilot|conversations|account_id|12|VARCHAR|4096|null|null|0|4096|2|NO|NO|NO",
        "sendpilot|conversations|last_message_content|12|VARCHAR|100|null|null|1|100|3|YES|NO|NO",
        "sendpilot|conversations|last_message_sent_at|93|TIMESTAMP|23|3|null|1|null|4|YES|NO|NO",
        "sendpilot|conversations|last_message_direction|12|VARCHAR|8|null|null|1|8|5|YES|NO|NO",
        "sendpilot|conversations|last_activity_at|93|TIMESTAMP|23|3|null|1|null|6|YES|NO|NO",
        "sendpilot|conversations|unread_count|4|INTEGER|10|0|10|1|null|7|YES|NO|NO",
        "sendpilot|conversations|created_at|93|TIMESTAMP|23|3|null|1|null|8|YES|NO|NO",
        "sendpilot|conversations|updated_at|93|TIMESTAMP|23|3|null|1|null|9|YES|NO|NO"),
        Jdbc.columns(md.getColumns(null, "sendpilot", "conversations", "%"), COLUMN_FIELDS));
    assertEquals(List.of(
        "id|The conversation's id, unique within its sender account (id).",
        "account_id|The LinkedIn sender account the conversation belongs to (accountId).",
        "last_message_content|The latest message's text, truncated by the API to 100 characters"
            + " (lastMessage.content).",
        "last_message_sent_at|When the latest message was sent, as the UTC wall clock"
            + " (lastMessage.sentAt).",
        "last_message_direction|Whether the account sent or received the latest message: sent"
            + " or received (lastMessage.direction).",
        "last_activity_at|When the conversation was last active, as the UTC wall clock; the API"
            + " returns the newest first (lastActivityAt).",
        "unread_count|How many messages of the conversation are unread (unreadCount).",
        "created_at|When the conversation began, as the UTC wall clock (createdAt).",
        "updated_at|When the conversation last changed, as the UTC wall clock (updatedAt)."),
        Jdbc.columns(md.getColumns(null, "sendpilot", "conversations", "%"), "COLUMN_NAME",
            "REMARKS"));
  }

  @Test void tablesHaveDescriptions() throws Exception {
    assertEquals(List.of(
        "null|sendpilot|conversations|TABLE|One row per conversation of the workspace's"
            + " LinkedIn sender accounts, newest activity first (GET /v1/inbox/conversations).",
        "null|sendpilot|messages|TABLE|One row per message of a conversation, read per"
            + " conversation (GET /v1/inbox/conversations/{conversationId}/messages).",
        "null|sendpilot|participants|TABLE|One row per participant of a conversation"
            + " (participants[] of GET /v1/inbox/conversations)."),
        Jdbc.columns(md.getTables(null, "sendpilot", "%", new String[] {"TABLE", "VIEW"}),
            "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"));
  }

  @Test void namePatternsIgnoreCaseLikeSql() throws Exception {
    assertEquals(
        Jdbc.columns(md.getColumns(null, "sendpilot", "conversations", "%"), COLUMN_FIELDS),
        Jdbc.columns(md.getColumns(null, "SENDPILOT", "CONVERSATIONS", "%"), COLUMN_FIELDS));
    assertEquals(List.of("participants|profile_url", "participants|profile_picture"),
        Jdbc.columns(md.getColumns(null, null, "Participants", "PROFILE%"), "TABLE_NAME",
            "COLUMN_NAME"));
    assertEquals(List.of("sendpilot|conversations"),
        Jdbc.columns(md.getTables(null, "Send%", "CONV%", null), "TABLE_SCHEM", "TABLE_NAME"));
    assertEquals(List.of("sendpilot"), Jdbc.columns(md.getSchemas(null, "SEND%"), "TABLE_SCHEM"));
  }

  @Test void catalogsHaveNoNullRow() throws Exception {
    assertEquals(List.of(), Jdbc.columns(md.getCatalogs(), "TABLE_CAT"));
    assertEquals(List.of("metadata|null", "sendpilot|null"),
        Jdbc.columns(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG"));
  }

  @Test void primaryKeys() throws Exception {
    String[] fields = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ",
        "PK_NAME"};
    assertEquals(List.of("null|sendpilot|conversations|account_id|1|conversations_pk",
        "null|sendpilot|conversations|id|2|conversations_pk"),
        Jdbc.columns(md.getPrimaryKeys(null, "sendpilot", "conversations"), fields));
    assertEquals(List.of("null|sendpilot|participants|account_id|1|participants_pk",
        "null|sendpilot|participants|conversation_id|2|participants_pk",
        "null|sendpilot|participants|participant_id|3|participants_pk"),
        Jdbc.columns(md.getPrimaryKeys(null, "SENDPILOT", "PARTICIPANTS"), fields));
    assertEquals(List.of(), Jdbc.columns(md.getPrimaryKeys(null, "sendpilot", "nothing"), fields));
  }

  private static final String[] KEY_FIELDS = {"PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME",
      "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE",
      "FK_NAME", "PK_NAME", "DEFERRABILITY"};
  private static final List<String> PARTICIPANTS_TO_CONVERSATIONS = List.of(
      "sendpilot|conversations|account_id|sendpilot|participants|account_id|1|3|3"
          + "|participants_conversation_fk|conversations_pk|7",
      "sendpilot|conversations|id|sendpilot|participants|conversation_id|2|3|3"
          + "|participants_conversation_fk|conversations_pk|7");

  @Test void participantsReferToConversations() throws Exception {
    assertEquals(PARTICIPANTS_TO_CONVERSATIONS,
        Jdbc.columns(md.getImportedKeys(null, "sendpilot", "participants"), KEY_FIELDS));
    List<String> exported = new ArrayList<>(List.of(
        "sendpilot|conversations|account_id|sendpilot|messages|account_id|1|3|3"
            + "|messages_conversation_fk|conversations_pk|7",
        "sendpilot|conversations|id|sendpilot|messages|conversation_id|2|3|3"
            + "|messages_conversation_fk|conversations_pk|7"));
    exported.addAll(PARTICIPANTS_TO_CONVERSATIONS);
    assertEquals(exported,
        Jdbc.columns(md.getExportedKeys(null, "sendpilot", "conversations"), KEY_FIELDS));
    assertEquals(PARTICIPANTS_TO_CONVERSATIONS, Jdbc.columns(md.getCrossReference(
        null, "sendpilot", "conversations", null, "sendpilot", "participants"), KEY_FIELDS));
    assertEquals(List.of(), Jdbc.columns(md.getImportedKeys(null, "sendpilot", "conversations"),
        KEY_FIELDS));
    assertEquals(List.of(), Jdbc.columns(md.getExportedKeys(null, "sendpilot", "participants"),
        KEY_FIELDS));
  }

  @Test void resultColumnsHaveDisplaySizes() throws Exception {
    List<String> columns = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
        "select id, last_message_content, last_message_direction, last_activity_at,"
            + " unread_count, cast(last_activity_at as date) as d, upper(id) as u"
            + " from conversations limit 1")) {
      ResultSetMetaData rmd = rs.getMetaData();
      for (int i = 1; i <= rmd.getColumnCount(); i++) {
        columns.add(rmd.getColumnLabel(i) + " " + rmd.getColumnTypeName(i) + " display="
            + rmd.getColumnDisplaySize(i) + " precision=" + rmd.getPrecision(i) + " scale="
            + rmd.getScale(i));
      }
    }
    Requests.drain(server);
    assertEquals(List.of(
        "id VARCHAR display=4096 precision=4096 scale=0",
        "last_message_content VARCHAR display=100 precision=100 scale=0",
        "last_message_direction VARCHAR display=8 precision=8 scale=0",
        "last_activity_at TIMESTAMP display=23 precision=23 scale=3",
        "unread_count INTEGER display=11 precision=10 scale=0",
        "d DATE display=10 precision=10 scale=0",
        "u VARCHAR display=4096 precision=4096 scale=0"), columns);
  }

  @Test void clientInfoPropertiesAreListed() throws Exception {
    assertEquals(List.of("ApplicationName|The application using the connection",
            "ClientHostname|The host the application runs on",
            "ClientUser|The user the application works for"),
        Jdbc.columns(md.getClientInfoProperties(), "NAME", "DESCRIPTION"));
  }
}
