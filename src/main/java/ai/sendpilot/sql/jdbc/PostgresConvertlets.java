package ai.sendpilot.sql.jdbc;

import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * How the {@code postgresql} dialect turns some calls into row expressions: an extract of the
 * epoch or the seconds with their fraction, and a timestamp cast to text with its milliseconds.
 * A connection of the {@code calcite} dialect (another type system) converts casts as Calcite
 * does; it never meets the fractional extract, which only {@link PostgresRewrite} writes.
 */
final class PostgresConvertlets implements SqlRexConvertletTable {
  static final PostgresConvertlets INSTANCE = new PostgresConvertlets();

  /** {@code extract(epoch|second from x)} as a numeric with the fraction of a second. */
  static final SqlFunction FRACTIONAL_EXTRACT = new SqlFunction("PG_EXTRACT",
      SqlKind.OTHER_FUNCTION,
      binding -> binding.getTypeFactory().createTypeWithNullability(
          binding.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, 24, 6),
          binding.getOperandType(1).isNullable()),
      null,
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME),
          OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME_INTERVAL)),
      SqlFunctionCategory.TIMEDATE) {
    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      return PostgresFunctions.deriveDirectly(this, validator, scope, call);
    }
  };

  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final long MILLIS_PER_MINUTE = 60_000L;
  /** PostgreSQL counts a month of an interval as 30 days. */
  private static final long MILLIS_PER_MONTH = 30 * MILLIS_PER_DAY;

  private PostgresConvertlets() {
  }

  @Override public SqlRexConvertlet get(SqlCall call) {
    if (call.getOperator() == FRACTIONAL_EXTRACT) {
      return PostgresConvertlets::fractionalExtract;
    }
    if (call.getKind() == SqlKind.CAST) {
      return PostgresConvertlets::cast;
    }
    return null;
  }

  private static RexNode fractionalExtract(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    RelDataTypeFactory types = cx.getTypeFactory();
    String unit = ((SqlLiteral) call.operand(0)).getValueAs(String.class);
    RexNode millis = millis(rex, types, cx.convertExpression(call.operand(1)));
    if (unit.equals("SECOND")) {
      millis = rex.makeCall(SqlStdOperatorTable.MOD, millis,
          rex.makeBigintLiteral(BigDecimal.valueOf(MILLIS_PER_MINUTE)));
    }
    RelDataType whole = types.createTypeWithNullability(
        types.createSqlType(SqlTypeName.DECIMAL, 19, 0), millis.getType().isNullable());
    RexNode seconds = rex.makeCall(SqlStdOperatorTable.MULTIPLY, rex.makeCast(whole, millis),
        rex.makeExactLiteral(new BigDecimal("0.001")));
    return rex.makeCast(cx.getValidator().getValidatedNodeType(call), seconds);
  }

  /** Milliseconds a datetime or interval value stands for, as a BIGINT. */
  private static RexNode millis(RexBuilder rex, RelDataTypeFactory types, RexNode value) {
    RelDataType type = value.getType();
    boolean nullable = type.isNullable();
    RelDataType bigint = types.createTypeWithNullability(
        types.createSqlType(SqlTypeName.BIGINT), nullable);
    RelDataType integer = types.createTypeWithNullability(
        types.createSqlType(SqlTypeName.INTEGER), nullable);
    return switch (type.getSqlTypeName()) {
      case DATE -> times(rex, rex.makeCast(bigint,
          rex.makeReinterpretCast(integer, value, rex.makeLiteral(false))), MILLIS_PER_DAY);
      case TIME -> rex.makeCast(bigint,
          rex.makeReinterpretCast(integer, value, rex.makeLiteral(false)));
      case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> times(rex, rex.makeCast(bigint,
          rex.makeReinterpretCast(integer, value, rex.makeLiteral(false))), MILLIS_PER_MONTH);
      default -> rex.makeReinterpretCast(bigint, value, rex.makeLiteral(false));
    };
  }

  private static RexNode times(RexBuilder rex, RexNode value, long factor) {
    return rex.makeCall(SqlStdOperatorTable.MULTIPLY, value,
        rex.makeBigintLiteral(BigDecimal.valueOf(factor)));
  }

  /** A timestamp cast to text keeps its milliseconds, as in PostgreSQL; else Calcite's cast. */
  private static RexNode cast(SqlRexContext cx, SqlCall call) {
    // Casts Calcite writes itself (expanding a windowed AVG) were never validated.
    RelDataType target = cx.getValidator().getValidatedNodeTypeIfKnown(call);
    RelDataType source = cx.getValidator().getValidatedNodeTypeIfKnown(call.operand(0));
    if (cx.getTypeFactory().getTypeSystem() instanceof PostgresTypeSystem && target != null
        && source != null && SqlTypeUtil.isCharacter(target)
        && source.getSqlTypeName() == SqlTypeName.TIMESTAMP) {
      RexNode operand = cx.convertExpression(call.operand(0));
      RexBuilder rex = cx.getRexBuilder();
      RelDataType bigint = cx.getTypeFactory().createTypeWithNullability(
          cx.getTypeFactory().createSqlType(SqlTypeName.BIGINT), operand.getType().isNullable());
      RexNode text = rex.makeCall(PostgresFunctions.TIMESTAMP_TEXT,
          rex.makeReinterpretCast(bigint, operand, rex.makeLiteral(false)));
      return rex.makeCast(target, text, true, false);
    }
    return StandardConvertletTable.INSTANCE.get(call).convertCall(cx, call);
  }
}
