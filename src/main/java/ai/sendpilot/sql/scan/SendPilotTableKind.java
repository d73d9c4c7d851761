package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.Conversation;
import ai.sendpilot.sql.client.LastMessage;
import ai.sendpilot.sql.client.Message;
import ai.sendpilot.sql.client.MessageParty;
import ai.sendpilot.sql.client.Participant;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** The tables the schema offers: each knows its columns and how a conversation becomes rows. */
public enum SendPilotTableKind implements ConversationRows {
  /** One row per conversation. */
  CONVERSATIONS("conversations") {
    @Override public RelDataType rowType(RelDataTypeFactory f) {
      return f.builder()
          .add("id", SqlTypeName.VARCHAR)
          .add("account_id", SqlTypeName.VARCHAR)
          .add("last_message_content", SqlTypeName.VARCHAR).nullable(true)
          .add("last_message_sent_at", SqlTypeName.TIMESTAMP, 3).nullable(true)
          .add("last_message_direction", SqlTypeName.VARCHAR).nullable(true)
          .add(LAST_ACTIVITY_AT, SqlTypeName.TIMESTAMP, 3).nullable(true)
          .add("unread_count", SqlTypeName.INTEGER).nullable(true)
          .add("created_at", SqlTypeName.TIMESTAMP, 3).nullable(true)
          .add("updated_at", SqlTypeName.TIMESTAMP, 3).nullable(true)
          .build();
    }

    @Override public int rowCount(Conversation c) {
      return 1;
    }

    @Override public void addRows(Conversation c, Collection<Object[]> rows) {
      rows.add(conversationRow(c));
    }

    @Override public int lastActivityColumn() {
      return LAST_ACTIVITY_AT_COLUMN;
    }
  },

  /** One row per participant of a conversation. */
  PARTICIPANTS("participants") {
    @Override public RelDataType rowType(RelDataTypeFactory f) {
      return f.builder()
          .add("conversation_id", SqlTypeName.VARCHAR)
          .add("account_id", SqlTypeName.VARCHAR)
          .add("participant_id", SqlTypeName.VARCHAR).nullable(true)
          .add("name", SqlTypeName.VARCHAR).nullable(true)
          .add("profile_url", SqlTypeName.VARCHAR).nullable(true)
          .add("profile_picture", SqlTypeName.VARCHAR).nullable(true)
          .build();
    }

    @Override public int rowCount(Conversation c) {
      return c.participants().size();
    }

    @Override public void addRows(Conversation c, Collection<Object[]> rows) {
      for (Participant p : c.participants()) {
        rows.add(participantRow(c, p));
      }
    }

    @Override public int lastActivityColumn() {
      return -1;
    }
  },

  /**
   * One row per message. Messages are not part of a conversation's JSON: a messages scan reads
   * them per conversation ({@link MessageScan}), so a conversation by itself makes no row.
   */
  MESSAGES("messages") {
    @Override public RelDataType rowType(RelDataTypeFactory f) {
      return f.builder()
          .add("account_id", SqlTypeName.VARCHAR)
          .add("conversation_id", SqlTypeName.VARCHAR)
          .add("id", SqlTypeName.VARCHAR).nullable(true)
          .add("content", SqlTypeName.VARCHAR).nullable(true)
          .add("direction", SqlTypeName.VARCHAR).nullable(true)
          .add("sent_at", SqlTypeName.TIMESTAMP, 3).nullable(true)
          .add("read_status", SqlTypeName.VARCHAR).nullable(true)
          .add("content_type", SqlTypeName.VARCHAR).nullable(true)
          .add("sender_id", SqlTypeName.VARCHAR).nullable(true)
          .add("sender_name", SqlTypeName.VARCHAR).nullable(true)
          .add("sender_profile_url", SqlTypeName.VARCHAR).nullable(true)
          .add("recipient_id", SqlTypeName.VARCHAR).nullable(true)
          .add("recipient_name", SqlTypeName.VARCHAR).nullable(true)
          .add("recipient_profile_url", SqlTypeName.VARCHAR).nullable(true)
          .add("attachments", SqlTypeName.VARCHAR).nullable(true)
          .build();
    }

    @Override public int rowCount(Conversation c) {
      return 0;
    }

    @Override public void addRows(Conversation c, Collection<Object[]> rows) {
    }

    @Override public List<Integer> accountColumns() {
      return List.of(MESSAGE_ACCOUNT_ID_COLUMN);
    }

    @Override public int lastActivityColumn() {
      return -1;
    }
  };

  /** Index of {@code account_id} in the messages row type. */
  public static final int MESSAGE_ACCOUNT_ID_COLUMN = 0;

  /** Index of {@code conversation_id} in the messages row type. */
  public static final int MESSAGE_CONVERSATION_ID_COLUMN = 1;

  /** The conversations column the API orders by, newest first. */
  public static final String LAST_ACTIVITY_AT = "last_activity_at";

  /** Index of {@code account_id} in the conversations and participants row types. */
  public static final int ACCOUNT_ID_COLUMN = 1;

  /** Index of {@code last_activity_at} in the conversations row type. */
  public static final int LAST_ACTIVITY_AT_COLUMN = 5;

  /** Number of columns of the conversations table. */
  static final int CONVERSATION_COLUMNS = 9;

  /** Number of columns of the participants table. */
  static final int PARTICIPANT_COLUMNS = 6;

  private final String tableName;

  SendPilotTableKind(String tableName) {
    this.tableName = tableName;
  }

  public String tableName() {
    return tableName;
  }

  public abstract RelDataType rowType(RelDataTypeFactory typeFactory);

  @Override public List<Integer> accountColumns() {
    return List.of(ACCOUNT_ID_COLUMN);
  }

  @Override public String describe() {
    return "sendpilot." + tableName;
  }

  /** The conversations row of {@code c}. */
  static Object[] conversationRow(Conversation c) {
    LastMessage last = c.lastMessage();
    return new Object[] {
        c.id(), c.accountId(),
        last == null ? null : last.content(),
        last == null ? null : millis(last.sentAt()),
        last == null ? null : last.direction(),
        millis(c.lastActivityAt()), c.unreadCount(), millis(c.createdAt()),
        millis(c.updatedAt())};
  }

  /** The participants row of {@code p}, a participant of {@code c}. */
  static Object[] participantRow(Conversation c, Participant p) {
    return new Object[] {
        c.id(), c.accountId(), p.id(), p.name(), p.profileUrl(), p.profilePicture()};
  }

  /** The messages row of {@code m}, a message of conversation {@code key}. */
  static Object[] messageRow(MessageKey key, Message m) {
    MessageParty sender = m.sender();
    MessageParty recipient = m.recipient();
    return new Object[] {
        key.accountId(), key.conversationId(), m.id(), m.content(), m.direction(),
        millis(m.sentAt()), m.readStatus(), m.contentType(),
        sender == null ? null : sender.id(), sender == null ? null : sender.name(),
        sender == null ? null : sender.profileUrl(),
        recipient == null ? null : recipient.id(), recipient == null ? null : recipient.name(),
        recipient == null ? null : recipient.profileUrl(), m.attachmentsJson()};
  }

  /** Calcite holds TIMESTAMP as epoch millis of the UTC wall clock. */
  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
