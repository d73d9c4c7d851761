package ai.sendpilot.sql.adapter.rel;

import ai.sendpilot.sql.adapter.SendPilotTableKind;
import com.google.common.collect.ImmutableSortedSet;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

/** Recognises the predicates the API can answer: {@code account_id} equal to one of some values. */
final class AccountPredicates {
  private AccountPredicates() {
  }

  /**
   * The account ids {@code conjunct} admits when it is an equality, an IN list or an OR of
   * equalities on {@code account_id} against string literals; empty when it is anything else.
   */
  static Optional<ImmutableSortedSet<String>> accountsOf(RexNode conjunct,
      RexBuilder rexBuilder) {
    RexNode expanded = RexUtil.expandSearch(rexBuilder, null, conjunct);
    if (expanded.isAlwaysFalse()) {
      return Optional.of(ImmutableSortedSet.of());
    }
    ImmutableSortedSet.Builder<String> ids = ImmutableSortedSet.naturalOrder();
    for (RexNode disjunct : RelOptUtil.disjunctions(expanded)) {
      String id = equalityValue(disjunct);
      if (id == null) {
        return Optional.empty();
      }
      ids.add(id);
    }
    return Optional.of(ids.build());
  }

  private static String equalityValue(RexNode node) {
    if (node.getKind() != SqlKind.EQUALS) {
      return null;
    }
    RexCall call = (RexCall) node;
    String value = literalAgainstAccount(call.operands.get(0), call.operands.get(1));
    return value != null ? value
        : literalAgainstAccount(call.operands.get(1), call.operands.get(0));
  }

  private static String literalAgainstAccount(RexNode column, RexNode value) {
    if (!(column instanceof RexInputRef)
        || ((RexInputRef) column).getIndex() != SendPilotTableKind.ACCOUNT_ID_COLUMN
        || !(value instanceof RexLiteral)
        || !SqlTypeFamily.CHARACTER.contains(value.getType())) {
      return null;
    }
    return ((RexLiteral) value).getValueAs(String.class);
  }
}
