package ai.sendpilot.sql.jdbc;

import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * PostgreSQL's result types of aggregates: {@code SUM} of a smallint or integer is a bigint (of
 * a bigint it stays a bigint, where PostgreSQL's is a numeric); {@code AVG} (and the standard
 * deviations and variances) of an integer is a numeric, not a truncated integer. Strings of
 * different lengths in a CASE or a UNION are VARCHAR, as in {@link SendPilotTypeSystem};
 * numeric casts round rather than truncate.
 */
public final class PostgresTypeSystem extends RelDataTypeSystemImpl {
  /** The instance Calcite's {@code typeSystem} property loads. */
  public static final PostgresTypeSystem INSTANCE = new PostgresTypeSystem();

  /** Digits after the point of an average of integers, as PostgreSQL shows small ones. */
  private static final int AVERAGE_SCALE = 20;

  /** Digits of the widest decimal (PostgreSQL's numeric has many more). */
  private static final int MAX_DECIMAL_DIGITS = 38;

  private PostgresTypeSystem() {
  }

  @Override public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxPrecision(typeName);
  }

  @Override public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxScale(typeName);
  }

  /** Numeric casts round half away from zero, as PostgreSQL's numeric does: 2.7 becomes 3. */
  @Override public RoundingMode roundingMode() {
    return RoundingMode.HALF_UP;
  }

  @Override public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override public RelDataType deriveSumType(RelDataTypeFactory typeFactory,
      RelDataType argumentType) {
    SqlTypeName name = argumentType.getSqlTypeName();
    RelDataType sum = switch (name) {
      case TINYINT, SMALLINT, INTEGER -> typeFactory.createSqlType(SqlTypeName.BIGINT);
      default -> super.deriveSumType(typeFactory, argumentType);
    };
    return typeFactory.createTypeWithNullability(sum, argumentType.isNullable());
  }

  @Override public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory,
      RelDataType argumentType) {
    if (SqlTypeUtil.isExactNumeric(argumentType)) {
      int scale = Math.max(AVERAGE_SCALE, argumentType.getScale());
      RelDataType average = typeFactory.createSqlType(SqlTypeName.DECIMAL,
          getMaxNumericPrecision(), Math.min(scale, getMaxNumericScale()));
      return typeFactory.createTypeWithNullability(average, argumentType.isNullable());
    }
    return super.deriveAvgAggType(typeFactory, argumentType);
  }
}
