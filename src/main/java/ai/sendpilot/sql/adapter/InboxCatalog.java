package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.SendPilotTableKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the inbox tables mean to the tools that show them: one sentence on each table and
 * column, from the API reference, the longest value each VARCHAR column is declared to hold, and
 * the keys that tie the tables together. Declared once, here, for JDBC metadata.
 */
public final class InboxCatalog {
  /**
   * The length reported for VARCHAR columns the API gives no bound for (ids, names, URLs): far
   * above any value seen, so that tools sizing buffers by it never cut a value. It is a
   * declaration for tools, not a check: longer values are returned whole.
   */
  public static final int DEFAULT_VARCHAR_LENGTH = 4096;

  /** The API truncates {@code lastMessage.content} to 100 characters. */
  private static final int MESSAGE_CONTENT_LENGTH = 100;
  /** {@code sent} or {@code received}. */
  private static final int DIRECTION_LENGTH = "received".length();

  private static final String CONVERSATIONS = SendPilotTableKind.CONVERSATIONS.tableName();
  private static final String PARTICIPANTS = SendPilotTableKind.PARTICIPANTS.tableName();
  private static final String MESSAGES = SendPilotTableKind.MESSAGES.tableName();
  /** {@code read}, {@code unread} or {@code unknown}. */
  private static final int READ_STATUS_LENGTH = "unknown".length();
  /** {@code TEXT}, {@code IMAGE}, {@code FILE}, and kinds the API may add. */
  private static final int CONTENT_TYPE_LENGTH = 32;

  private static final Map<SendPilotTableKind, Table> TABLES = describe();

  /**
   * A column.
   *
   * @param name the column's name in the table's row type
   * @param description one sentence, naming the API field
   * @param maxLength the longest value of a VARCHAR column, in characters; 0 for other types
   */
  public record Column(String name, String description, int maxLength) {
  }

  /**
   * A foreign key: {@code columns} of this table refer to {@code referencedColumns} of
   * {@code referencedTable}, in order.
   */
  public record ForeignKey(String name, List<String> columns, String referencedTable,
      List<String> referencedColumns) {
    public ForeignKey {
      columns = List.copyOf(columns);
      referencedColumns = List.copyOf(referencedColumns);
    }
  }

  /**
   * A table.
   *
   * @param name the table's name in the schema
   * @param description one sentence
   * @param columns every column, in the row type's order
   * @param primaryKeyName the name of the primary key
   * @param primaryKey the columns that identify a row, in key order
   * @param foreignKeys the keys by which rows refer to rows of other inbox tables
   */
  public record Table(String name, String description, List<Column> columns,
      String primaryKeyName, List<String> primaryKey, List<ForeignKey> foreignKeys) {
    public Table {
      columns = List.copyOf(columns);
      primaryKey = List.copyOf(primaryKey);
      foreignKeys = List.copyOf(foreignKeys);
    }

    /** The column called {@code name} (in any case), if any. */
    public Optional<Column> column(String name) {
      return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }
  }

  private InboxCatalog() {
  }

  /** The description of the table {@code kind} makes, if it has one. */
  public static Optional<Table> of(SendPilotTableKind kind) {
    return Optional.ofNullable(TABLES.get(kind));
  }

  /** The inbox table called {@code name} (in any case), if there is one. */
  public static Optional<Table> table(String name) {
    return TABLES.values().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  /** Every inbox table, in the order of {@link SendPilotTableKind}. */
  public static List<Table> tables() {
    return List.copyOf(TABLES.values());
  }

  private static Map<SendPilotTableKind, Table> describe() {
    Map<SendPilotTableKind, Table> tables = new EnumMap<>(SendPilotTableKind.class);
    tables.put(SendPilotTableKind.CONVERSATIONS, new Table(CONVERSATIONS,
        "One row per conversation of the workspace's LinkedIn sender accounts, newest activity"
            + " first (GET /v1/inbox/conversations).",
        List.of(
            text("id", "The conversation's id, unique within its sender account (id)."),
            text("account_id", "The LinkedIn sender account the conversation belongs to"
                + " (accountId)."),
            text("last_message_content", "The latest message's text, truncated by the API to"
                + " 100 characters (lastMessage.content).", MESSAGE_CONTENT_LENGTH),
            other("last_message_sent_at", "When the latest message was sent, as the UTC wall"
                + " clock (lastMessage.sentAt)."),
            text("last_message_direction", "Whether the account sent or received the latest"
                + " message: sent or received (lastMessage.direction).", DIRECTION_LENGTH),
            other(SendPilotTableKind.LAST_ACTIVITY_AT, "When the conversation was last active,"
                + " as the UTC wall clock; the API returns the newest first (lastActivityAt)."),
            other("unread_count", "How many messages of the conversation are unread"
                + " (unreadCount)."),
            other("created_at", "When the conversation began, as the UTC wall clock"
                + " (createdAt)."),
            other("updated_at", "When the conversation last changed, as the UTC wall clock"
                + " (updatedAt).")),
        CONVERSATIONS + "_pk", List.of("account_id", "id"), List.of()));
    tables.put(SendPilotTableKind.PARTICIPANTS, new Table(PARTICIPANTS,
        "One row per participant of a conversation (participants[] of"
            + " GET /v1/inbox/conversations).",
        List.of(
            text("conversation_id", "The id of the participant's conversation (id)."),
            text("account_id", "The LinkedIn sender account the conversation belongs to"
                + " (accountId)."),
            text("participant_id", "The participant's LinkedIn member id (participants[].id)."),
            text("name", "The participant's name as LinkedIn shows it (participants[].name)."),
            text("profile_url", "The participant's LinkedIn profile URL, the key to join CRM"
                + " contacts on (participants[].profileUrl)."),
            text("profile_picture", "The URL of the participant's profile picture"
                + " (participants[].profilePicture).")),
        PARTICIPANTS + "_pk", List.of("account_id", "conversation_id", "participant_id"),
        List.of(new ForeignKey(PARTICIPANTS + "_conversation_fk",
            List.of("account_id", "conversation_id"), CONVERSATIONS,
            List.of("account_id", "id")))));
    tables.put(SendPilotTableKind.MESSAGES, new Table(MESSAGES,
        "One row per message of a conversation, read per conversation"
            + " (GET /v1/inbox/conversations/{conversationId}/messages).",
        List.of(
            text("account_id", "The LinkedIn sender account the conversation belongs to"
                + " (accountId)."),
            text("conversation_id", "The id of the message's conversation (conversationId)."),
            text("id", "The message's id (messages[].id)."),
            text("content", "The message's text (messages[].content)."),
            text("direction", "Whether the account sent or received the message: sent or"
                + " received (messages[].direction).", DIRECTION_LENGTH),
            other("sent_at", "When the message was sent, as the UTC wall clock"
                + " (messages[].sentAt)."),
            text("read_status", "read, unread or unknown (messages[].readStatus).",
                READ_STATUS_LENGTH),
            text("content_type", "TEXT, IMAGE, FILE or another kind (messages[].contentType).",
                CONTENT_TYPE_LENGTH),
            text("sender_id", "The sender's LinkedIn member id (messages[].sender.id)."),
            text("sender_name", "The sender's name (messages[].sender.name)."),
            text("sender_profile_url", "The sender's LinkedIn profile URL"
                + " (messages[].sender.profileUrl)."),
            text("recipient_id", "The recipient's LinkedIn member id"
                + " (messages[].recipient.id)."),
            text("recipient_name", "The recipient's name (messages[].recipient.name)."),
            text("recipient_profile_url", "The recipient's LinkedIn profile URL"
                + " (messages[].recipient.profileUrl)."),
            text("attachments", "The attachments as JSON text, NULL when the message has none"
                + " (messages[].attachments).")),
        MESSAGES + "_pk", List.of("account_id", "conversation_id", "id"),
        List.of(new ForeignKey(MESSAGES + "_conversation_fk",
            List.of("account_id", "conversation_id"), CONVERSATIONS,
            List.of("account_id", "id")))));
    return tables;
  }

  private static Column text(String name, String description) {
    return text(name, description, DEFAULT_VARCHAR_LENGTH);
  }

  private static Column text(String name, String description, int maxLength) {
    return new Column(name, description, maxLength);
  }

  private static Column other(String name, String description) {
    return new Column(name, description, 0);
  }
}
