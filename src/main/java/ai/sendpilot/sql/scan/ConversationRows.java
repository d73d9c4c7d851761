package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.Conversation;
import java.util.Collection;
import java.util.List;

/**
 * What rows a scan makes of each conversation (a table's rows, or a conversation joined to its
 * participants), and where the columns the planner pushes down sit in those rows.
 */
public interface ConversationRows {
  /** How many rows {@code conversation} makes. */
  int rowCount(Conversation conversation);

  /** Appends the rows {@code conversation} makes. */
  void addRows(Conversation conversation, Collection<Object[]> rows);

  /** The columns that hold the conversation's account id. */
  List<Integer> accountColumns();

  /** The column that holds the conversation's last activity, or -1 when there is none. */
  int lastActivityColumn();

  /** What is read, for messages: {@code sendpilot.conversations}. */
  String describe();
}
