package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.ActivityBound;
import ai.sendpilot.sql.scan.PushedValue;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Recognises lower bounds on last activity a newest-first stream can stop at:
 * {@code last_activity_at > t}, {@code >= t} (or {@code t < last_activity_at}, and the lower
 * end of a {@code BETWEEN} once Calcite's {@code SEARCH} is expanded), where {@code t} is a
 * timestamp literal, a parameter, or {@code CURRENT_TIMESTAMP} or {@code LOCALTIMESTAMP}, plus
 * or minus day-to-second interval literals. Each is what the generated code evaluates, from
 * the same data context, so the stream stops exactly where the filter starts to reject rows.
 */
final class ActivityPredicates {
  private ActivityPredicates() {
  }

  /** The lower bound {@code conjunct} puts on column {@code column}, or empty. */
  static Optional<ActivityBound> lowerBound(RexNode conjunct, int column) {
    if (!(conjunct instanceof RexCall)) {
      return Optional.empty();
    }
    RexCall call = (RexCall) conjunct;
    switch (conjunct.getKind()) {
    case GREATER_THAN:
    case GREATER_THAN_OR_EQUAL:
      return bound(call.operands.get(0), call.operands.get(1), column,
          conjunct.getKind() == SqlKind.GREATER_THAN_OR_EQUAL);
    case LESS_THAN:
    case LESS_THAN_OR_EQUAL:
      return bound(call.operands.get(1), call.operands.get(0), column,
          conjunct.getKind() == SqlKind.LESS_THAN_OR_EQUAL);
    default:
      return Optional.empty();
    }
  }

  private static Optional<ActivityBound> bound(RexNode columnSide, RexNode timeSide, int column,
      boolean inclusive) {
    if (!(columnSide instanceof RexInputRef)
        || ((RexInputRef) columnSide).getIndex() != column) {
      return Optional.empty();
    }
    return time(timeSide, 0).map(t -> new ActivityBound(t.value, t.shiftMillis, inclusive));
  }

  /** A point in time: a value read once, shifted by a fixed interval. */
  private record Time(PushedValue value, long shiftMillis) {
  }

  private static Optional<Time> time(RexNode node, long shiftMillis) {
    if (!isTimestamp(node.getType())) {
      return Optional.empty();
    }
    if (node instanceof RexLiteral) {
      Long millis = ((RexLiteral) node).getValueAs(Long.class);
      return millis == null ? Optional.empty()
          : Optional.of(new Time(PushedValue.literal(millis), shiftMillis));
    }
    if (node instanceof RexDynamicParam) {
      return Optional.of(
          new Time(PushedValue.parameter(((RexDynamicParam) node).getIndex()), shiftMillis));
    }
    if (!(node instanceof RexCall)) {
      return Optional.empty();
    }
    RexCall call = (RexCall) node;
    if (call.getOperator() == SqlStdOperatorTable.CURRENT_TIMESTAMP) {
      return Optional.of(
          new Time(PushedValue.variable(DataContext.Variable.CURRENT_TIMESTAMP), shiftMillis));
    }
    if (call.getOperator() == SqlStdOperatorTable.LOCALTIMESTAMP) {
      return Optional.of(
          new Time(PushedValue.variable(DataContext.Variable.LOCAL_TIMESTAMP), shiftMillis));
    }
    switch (call.getKind()) {
    case CAST:
      // Between TIMESTAMP types the generated code keeps the epoch millis as they are.
      return widening(call) ? time(call.operands.get(0), shiftMillis) : Optional.empty();
    case PLUS:
      Long added = intervalMillis(call.operands.get(1));
      if (added != null) {
        return time(call.operands.get(0), shiftMillis + added);
      }
      added = intervalMillis(call.operands.get(0));
      return added == null ? Optional.empty() : time(call.operands.get(1), shiftMillis + added);
    case MINUS:
      Long subtracted = call.operands.size() == 2 ? intervalMillis(call.operands.get(1)) : null;
      return subtracted == null ? Optional.empty()
          : time(call.operands.get(0), shiftMillis - subtracted);
    default:
      return Optional.empty();
    }
  }

  private static boolean isTimestamp(RelDataType type) {
    return type.getSqlTypeName() == SqlTypeName.TIMESTAMP;
  }

  /** A cast from a TIMESTAMP to a TIMESTAMP of at least its precision. */
  private static boolean widening(RexCall cast) {
    RelDataType from = cast.operands.get(0).getType();
    return isTimestamp(from) && cast.getType().getPrecision() >= from.getPrecision();
  }

  /** The millis of a day-to-second interval literal; null for anything else. */
  private static Long intervalMillis(RexNode node) {
    if (!(node instanceof RexLiteral)
        || !SqlTypeFamily.INTERVAL_DAY_TIME.contains(node.getType())) {
      return null;
    }
    return ((RexLiteral) node).getValueAs(Long.class);
  }
}
