package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.ConversationKeys;
import ai.sendpilot.sql.scan.PushedValue;
import ai.sendpilot.sql.scan.SendPilotTableKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Recognises the conversations a messages predicate names: {@code conversation_id} equal to one
 * of some values (an equality, an IN list, an OR), each disjunct possibly also naming its
 * {@code account_id}, as in {@code (conversation_id = ? AND account_id = ?) OR ...}.
 */
final class ConversationPredicates {
  private static final List<Integer> CONVERSATION =
      List.of(SendPilotTableKind.MESSAGE_CONVERSATION_ID_COLUMN);
  private static final List<Integer> ACCOUNT =
      List.of(SendPilotTableKind.MESSAGE_ACCOUNT_ID_COLUMN);

  private ConversationPredicates() {
  }

  /** The conversations {@code conjunct} of a filter on messages admits, or empty. */
  static Optional<ConversationKeys> keysOf(RexNode conjunct, RexBuilder rexBuilder) {
    RexNode expanded = RexUtil.expandSearch(rexBuilder, null, conjunct);
    List<ConversationKeys.Key> keys = new ArrayList<>();
    for (RexNode disjunct : RelOptUtil.disjunctions(expanded)) {
      PushedValue conversation = null;
      PushedValue account = null;
      for (RexNode part : RelOptUtil.conjunctions(disjunct)) {
        PushedValue c = AccountPredicates.equalityValue(part, CONVERSATION);
        PushedValue a = AccountPredicates.equalityValue(part, ACCOUNT);
        conversation = conversation == null ? c : conversation;
        account = account == null ? a : account;
      }
      if (conversation == null) {
        return Optional.empty();
      }
      keys.add(new ConversationKeys.Key(conversation, account));
    }
    return keys.isEmpty() ? Optional.empty() : Optional.of(ConversationKeys.anyOf(keys));
  }
}
