package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.Conversation;
import ai.sendpilot.sql.client.Participant;
import java.util.Collection;
import java.util.List;

/**
 * Conversations joined to their own participants on conversation id and account, read from one
 * stream: each participant's row beside its conversation's row (participants live inside each
 * conversation the API returns).
 *
 * @param outer whether a conversation without participants still makes one row, its
 *     participant columns NULL (a LEFT JOIN from conversations)
 * @param participantsFirst whether the participant columns come first in a row
 */
public record ParticipantJoin(boolean outer, boolean participantsFirst)
    implements ConversationRows {
  private static final int CONVERSATION_COLUMNS = SendPilotTableKind.CONVERSATION_COLUMNS;
  private static final int PARTICIPANT_COLUMNS = SendPilotTableKind.PARTICIPANT_COLUMNS;

  @Override public int rowCount(Conversation c) {
    int participants = c.participants().size();
    return outer ? Math.max(1, participants) : participants;
  }

  @Override public void addRows(Conversation c, Collection<Object[]> rows) {
    Object[] conversation = SendPilotTableKind.conversationRow(c);
    for (Participant p : c.participants()) {
      rows.add(joined(conversation, SendPilotTableKind.participantRow(c, p)));
    }
    if (outer && c.participants().isEmpty()) {
      rows.add(joined(conversation, new Object[PARTICIPANT_COLUMNS]));
    }
  }

  private Object[] joined(Object[] conversation, Object[] participant) {
    Object[] row = new Object[CONVERSATION_COLUMNS + PARTICIPANT_COLUMNS];
    System.arraycopy(conversation, 0, row, conversationOffset(), CONVERSATION_COLUMNS);
    System.arraycopy(participant, 0, row, participantOffset(), PARTICIPANT_COLUMNS);
    return row;
  }

  /** Index of the first conversation column in a row. */
  public int conversationOffset() {
    return participantsFirst ? PARTICIPANT_COLUMNS : 0;
  }

  /** Index of the first participant column in a row. */
  public int participantOffset() {
    return participantsFirst ? 0 : CONVERSATION_COLUMNS;
  }

  /**
   * The conversation's account column and, in an inner join, the participant's, which holds the
   * same value (an outer join leaves it NULL on a conversation without participants).
   */
  @Override public List<Integer> accountColumns() {
    int conversationAccount = conversationOffset() + SendPilotTableKind.ACCOUNT_ID_COLUMN;
    return outer ? List.of(conversationAccount)
        : List.of(conversationAccount, participantOffset() + SendPilotTableKind.ACCOUNT_ID_COLUMN);
  }

  @Override public int lastActivityColumn() {
    return conversationOffset() + SendPilotTableKind.LAST_ACTIVITY_AT_COLUMN;
  }

  @Override public String describe() {
    return "sendpilot.conversations joined to sendpilot.participants";
  }
}
