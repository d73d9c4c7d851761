package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.AccountFilter;
import ai.sendpilot.sql.scan.PushedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Recognises the predicates the API can answer: {@code account_id} (any column holding the
 * conversation's account) equal to one of some values (literals or parameters).
 */
final class AccountPredicates {
  private AccountPredicates() {
  }

  /**
   * The accounts {@code conjunct} admits when it is an equality, an IN list or an OR of
   * equalities on {@code account_id} against strings or parameters; empty when it is anything
   * else.
   */
  static Optional<AccountFilter> accountsOf(RexNode conjunct, List<Integer> accountColumns,
      RexBuilder rexBuilder) {
    RexNode expanded = RexUtil.expandSearch(rexBuilder, null, conjunct);
    if (expanded.isAlwaysFalse()) {
      return Optional.of(AccountFilter.anyOf(List.of()));
    }
    List<PushedValue> values = new ArrayList<>();
    for (RexNode disjunct : RelOptUtil.disjunctions(expanded)) {
      PushedValue value = equalityValue(disjunct, accountColumns);
      if (value == null) {
        return Optional.empty();
      }
      values.add(value);
    }
    return Optional.of(AccountFilter.anyOf(values));
  }

  /** The value {@code node} sets one of {@code columns} equal to, or null. */
  static PushedValue equalityValue(RexNode node, List<Integer> accountColumns) {
    if (node.getKind() != SqlKind.EQUALS) {
      return null;
    }
    RexCall call = (RexCall) node;
    PushedValue value =
        valueAgainstAccount(call.operands.get(0), call.operands.get(1), accountColumns);
    return value != null ? value
        : valueAgainstAccount(call.operands.get(1), call.operands.get(0), accountColumns);
  }

  private static PushedValue valueAgainstAccount(RexNode column, RexNode value,
      List<Integer> accountColumns) {
    if (!(column instanceof RexInputRef)
        || !accountColumns.contains(((RexInputRef) column).getIndex())
        || !SqlTypeFamily.CHARACTER.contains(value.getType())) {
      return null;
    }
    if (value instanceof RexLiteral) {
      return PushedValue.literal(((RexLiteral) value).getValueAs(String.class));
    }
    if (value instanceof RexDynamicParam) {
      return PushedValue.parameter(((RexDynamicParam) value).getIndex());
    }
    return null;
  }
}
