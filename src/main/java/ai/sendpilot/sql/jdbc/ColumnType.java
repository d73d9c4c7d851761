package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.adapter.InboxCatalog;
import java.sql.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A column's type as JDBC metadata describes it: the type's name without its precision or
 * nullability, and the sizes JDBC defines (characters for text, the length of the text form for
 * date-times, digits for numbers). Calcite reports a TIMESTAMP(3)'s size as 3 and an unbounded
 * VARCHAR's as -1; tools size their grids and buffers by these numbers.
 *
 * @param jdbcType the {@link Types} constant
 * @param typeName the type's name, such as {@code VARCHAR} or {@code TIMESTAMP}
 * @param precision Calcite's precision: digits, fractional seconds, or characters (-1 or 0
 *     when unbounded)
 * @param scale Calcite's scale
 * @param textLength the declared longest value of a text column whose type has no bound; 0
 *     when none is declared
 */
record ColumnType(int jdbcType, String typeName, int precision, int scale, int textLength) {
  private static final int DATE_LENGTH = "2024-02-24".length();
  private static final int TIME_LENGTH = "15:30:00".length();
  private static final int TIMESTAMP_LENGTH = "2024-02-24 15:30:00".length();

  /**
   * The type of a column of row type field type {@code type} (a Java field's type has no
   * precision: numbers get their type's default).
   */
  static ColumnType of(RelDataType type, int textLength) {
    SqlTypeName name = type.getSqlTypeName();
    int precision = type.getPrecision();
    if (precision == RelDataType.PRECISION_NOT_SPECIFIED
        && SqlTypeName.NUMERIC_TYPES.contains(name)) {
      precision = RelDataTypeSystem.DEFAULT.getDefaultPrecision(name);
    }
    return new ColumnType(name.getJdbcOrdinal(), name.getName(), precision,
        name.allowsScale() ? type.getScale() : 0, textLength);
  }

  /** Whether values are text. */
  boolean isText() {
    return switch (jdbcType) {
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR,
          Types.LONGNVARCHAR -> true;
      default -> false;
    };
  }

  private boolean isInteger() {
    return switch (jdbcType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> true;
      default -> false;
    };
  }

  private boolean isDecimal() {
    return jdbcType == Types.DECIMAL || jdbcType == Types.NUMERIC;
  }

  private boolean isNumber() {
    return isInteger() || isDecimal() || switch (jdbcType) {
      case Types.FLOAT, Types.REAL, Types.DOUBLE -> true;
      default -> false;
    };
  }

  /** Digits of a second's fraction a date-time shows. */
  private int fraction() {
    return Math.max(precision, 0);
  }

  private static int withFraction(int length, int fraction) {
    return fraction > 0 ? length + 1 + fraction : length;
  }

  /**
   * {@code COLUMN_SIZE}: characters of text (the declared length when the type has none), the
   * length of a date-time's text form, the digits of a number; null when not applicable.
   */
  Integer columnSize() {
    if (isText()) {
      if (precision > 0) {
        return precision;
      }
      return textLength > 0 ? textLength : InboxCatalog.DEFAULT_VARCHAR_LENGTH;
    }
    return switch (jdbcType) {
      case Types.DATE -> DATE_LENGTH;
      case Types.TIME, Types.TIME_WITH_TIMEZONE -> withFraction(TIME_LENGTH, fraction());
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
          withFraction(TIMESTAMP_LENGTH, fraction());
      case Types.BOOLEAN -> 1;
      default -> precision > 0 ? precision : null;
    };
  }

  /** {@code DECIMAL_DIGITS}: a number's scale or a date-time's fraction; null otherwise. */
  Integer decimalDigits() {
    if (isInteger()) {
      return 0;
    }
    if (isDecimal()) {
      return scale;
    }
    return switch (jdbcType) {
      case Types.TIME, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP,
          Types.TIMESTAMP_WITH_TIMEZONE -> fraction();
      default -> null;
    };
  }

  /** {@code NUM_PREC_RADIX}: 10 for numbers, null otherwise. */
  Integer radix() {
    return isNumber() ? 10 : null;
  }

  /** {@code CHAR_OCTET_LENGTH}: the size of text columns, null otherwise. */
  Integer charOctetLength() {
    return isText() ? columnSize() : null;
  }

  /**
   * {@code ResultSetMetaData.getColumnDisplaySize}: the characters a value may need, sign and
   * decimal point included; null when Calcite's answer stands.
   */
  Integer displaySize() {
    if (isInteger()) {
      return precision + 1;
    }
    if (isDecimal()) {
      return precision + (scale > 0 ? 2 : 1);
    }
    return isText() || isDateTime() ? columnSize() : null;
  }

  /** {@code ResultSetMetaData.getPrecision}: as {@link #columnSize}; null when Calcite's stands. */
  Integer resultPrecision() {
    return isText() || isDateTime() ? columnSize() : null;
  }

  /** {@code ResultSetMetaData.getScale}: a date-time's fraction; null when Calcite's stands. */
  Integer resultScale() {
    if (!isDateTime()) {
      return null;
    }
    Integer digits = decimalDigits();
    return digits == null ? 0 : digits;
  }

  private boolean isDateTime() {
    return switch (jdbcType) {
      case Types.DATE, Types.TIME, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP,
          Types.TIMESTAMP_WITH_TIMEZONE -> true;
      default -> false;
    };
  }
}
