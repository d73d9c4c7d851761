package sqlline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What sqlline completes with Tab once connected with {@code fastConnect} off, as
 * {@code ./sqlline} connects in a terminal: its completer reads schemas, tables (of type
 * {@code TABLE} only) and columns through the driver's {@code DatabaseMetaData}.
 */
class SendPilotSqlLineBaseTest {
  @Test void tablesAndColumnsAreThereToComplete() {
    SendPilotSqlLineBase sqlLine = new SendPilotSqlLineBase() {
    };
    DispatchCallback callback = new DispatchCallback();
    sqlLine.runCommands(List.of("!set fastConnect false",
        "!connect -p user \"\" -p password \"\" \"jdbc:sendpilot:demo=true\""), callback);
    assertTrue(callback.isSuccess());
    try {
      DatabaseConnection connection = sqlLine.getDatabaseConnection();
      Map<String, Map<String, Set<String>>> tables =
          connection.getSchema(true).getSchema2tables();
      assertEquals(Set.of("conversations", "participants", "messages"),
          tables.get("sendpilot").keySet());
      assertEquals(Set.of("contacts", "companies"), tables.get("crm").keySet());
      assertEquals(Set.of("id", "account_id", "last_message_content", "last_message_sent_at",
          "last_message_direction", "last_activity_at", "unread_count", "created_at",
          "updated_at"), connection.getSchema().getColumnNames("sendpilot", "conversations"));
      assertTrue(connection.getTableNames(false).contains("participants"));
    } finally {
      sqlLine.runCommands(List.of("!closeall"), new DispatchCallback());
    }
  }
}
