package ai.sendpilot.sql.differential;

import ai.sendpilot.sql.demo.DemoInbox;
import ai.sendpilot.sql.demo.InboxJson;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An in-memory H2 database holding the simulator's inbox as the driver's two tables, loaded
 * straight from the simulator's generator (not through the driver): the reference the
 * driver's answers are compared with.
 */
final class ReferenceDatabase {
  private ReferenceDatabase() {
  }

  /** A new private in-memory database with {@code conversations} and {@code participants}. */
  static Connection load(DemoInbox inbox) throws SQLException {
    Connection h2 = DriverManager.getConnection("jdbc:h2:mem:");
    try (Statement s = h2.createStatement()) {
      s.execute("create table conversations (id varchar not null, account_id varchar not null,"
          + " last_message_content varchar, last_message_sent_at timestamp(3),"
          + " last_message_direction varchar, last_activity_at timestamp(3),"
          + " unread_count integer, created_at timestamp(3), updated_at timestamp(3))");
      s.execute("create table participants (conversation_id varchar not null,"
          + " account_id varchar not null, participant_id varchar, name varchar,"
          + " profile_url varchar, profile_picture varchar)");
    }
    try (PreparedStatement conversations = h2.prepareStatement(
            "insert into conversations values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement participants = h2.prepareStatement(
            "insert into participants values (?, ?, ?, ?, ?, ?)")) {
      for (long k = 0; k < inbox.size(); k++) {
        InboxJson.Conversation c = inbox.conversation(k);
        InboxJson.LastMessage last = c.lastMessage();
        conversations.setString(1, c.id());
        conversations.setString(2, c.accountId());
        conversations.setString(3, last == null ? null : last.content());
        conversations.setObject(4, last == null ? null : wallClock(last.sentAt()));
        conversations.setString(5, last == null ? null : last.direction());
        conversations.setObject(6, wallClock(c.lastActivityAt()));
        conversations.setInt(7, c.unreadCount());
        conversations.setObject(8, wallClock(c.createdAt()));
        conversations.setObject(9, wallClock(c.updatedAt()));
        conversations.addBatch();
        for (InboxJson.Participant p : c.participants()) {
          participants.setString(1, c.id());
          participants.setString(2, c.accountId());
          participants.setString(3, p.id());
          participants.setString(4, p.name());
          participants.setString(5, p.profileUrl());
          participants.setString(6, p.profilePicture());
          participants.addBatch();
        }
      }
      conversations.executeBatch();
      participants.executeBatch();
    }
    return h2;
  }

  /** The driver shows an API instant as its UTC wall clock. */
  private static LocalDateTime wallClock(String instant) {
    return instant == null ? null
        : LocalDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
  }
}
