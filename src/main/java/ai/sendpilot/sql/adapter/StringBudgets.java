package ai.sendpilot.sql.adapter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * Bounds the string functions that can make a value far larger than their inputs: as SQL is
 * converted, the argument that sets the size of {@code REPEAT}, {@code SPACE}, {@code LPAD},
 * {@code RPAD}, {@code ||} and {@code REPLACE} passes through a check of
 * {@link BoundedStrings} first (the function itself stays Calcite's), and the results of
 * {@code CONCAT} and {@code CONCAT_WS} are checked as made, so that no value of a query exceeds
 * its memory budget and no chain of them doubles past it.
 */
final class StringBudgets {
  private static final SqlOperator REPEAT_COUNT =
      check("REPEAT_COUNT_WITHIN_BUDGET", "repeatCount", Long.class, String.class, long.class);
  private static final SqlOperator LENGTH =
      check("LENGTH_WITHIN_BUDGET", "length", Long.class, String.class, long.class);
  private static final SqlOperator CONCAT_RIGHT =
      check("CONCAT_WITHIN_BUDGET", "concatRight", String.class, String.class, long.class);
  private static final SqlOperator REPLACEMENT = check("REPLACEMENT_WITHIN_BUDGET",
      "replacement", String.class, String.class, String.class, long.class);
  private static final SqlOperator MADE =
      check("VALUE_WITHIN_BUDGET", "made", String.class, String.class, long.class);

  private StringBudgets() {
  }

  private static SqlOperator check(String name, String method, Class<?>... parameters) {
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0, null, null,
        ScalarFunctionImpl.create(Types.lookupMethod(BoundedStrings.class, method, parameters)));
  }

  /** {@code convertlets} with the string functions bounded by {@code budget} bytes. */
  static SqlRexConvertletTable bounded(SqlRexConvertletTable convertlets, long budget) {
    return call -> {
      SqlRexConvertlet convertlet = convertlets.get(call);
      if (convertlet == null) {
        return null;
      }
      return (cx, c) -> bound(cx.getRexBuilder(), convertlet.convertCall(cx, c), budget);
    };
  }

  private static RexNode bound(RexBuilder rex, RexNode converted, long budget) {
    if (!(converted instanceof RexCall)) {
      return converted;
    }
    RexCall call = (RexCall) converted;
    List<RexNode> args = new ArrayList<>(call.getOperands());
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    RexNode budgetLiteral = rex.makeBigintLiteral(BigDecimal.valueOf(budget));
    switch (name) {
    case "REPEAT":
      if (args.size() == 2 && isText(args.get(0))) {
        args.set(1, number(rex, REPEAT_COUNT, args.get(1), args.get(0), budgetLiteral));
      }
      break;
    case "SPACE":
      if (args.size() == 1) {
        args.set(0, number(rex, LENGTH, args.get(0), rex.makeLiteral(name), budgetLiteral));
      }
      break;
    case "LPAD":
    case "RPAD":
      if (args.size() >= 2 && isText(args.get(0))) {
        args.set(1, number(rex, LENGTH, args.get(1), rex.makeLiteral(name), budgetLiteral));
      }
      break;
    case "||":
      if (args.size() == 2 && isText(args.get(0)) && isText(args.get(1))) {
        args.set(1, rex.makeCall(args.get(1).getType(), CONCAT_RIGHT,
            List.of(args.get(1), args.get(0), budgetLiteral)));
      }
      break;
    case "REPLACE":
      if (args.size() == 3 && args.stream().allMatch(StringBudgets::isText)) {
        args.set(2, rex.makeCall(args.get(2).getType(), REPLACEMENT,
            List.of(args.get(2), args.get(0), args.get(1), budgetLiteral)));
      }
      break;
    case "CONCAT":
    case "CONCAT_WS":
      if (isText(call)) {
        return rex.makeCall(call.getType(), MADE, List.of(call, rex.makeLiteral(name),
            budgetLiteral));
      }
      return call;
    default:
      return call;
    }
    return args.equals(call.getOperands()) ? call : call.clone(call.getType(), args);
  }

  private static boolean isText(RexNode node) {
    return SqlTypeFamily.CHARACTER.contains(node.getType());
  }

  /** {@code count} through {@code check} (as BIGINT), back in its own type. */
  private static RexNode number(RexBuilder rex, SqlOperator check, RexNode count,
      RexNode other, RexNode budget) {
    RelDataType bigint = rex.getTypeFactory().createTypeWithNullability(
        rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT), count.getType().isNullable());
    RexNode checked = rex.makeCall(bigint, check,
        List.of(rex.makeCast(bigint, count), other, budget));
    return rex.makeCast(count.getType(), checked);
  }
}
