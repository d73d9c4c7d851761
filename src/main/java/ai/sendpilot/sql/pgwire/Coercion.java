package ai.sendpilot.sql.pgwire;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A parameter value sent as one type made the value of the type the statement expects, as
 * PostgreSQL casts an {@code int8} parameter compared with an {@code int4} column.
 */
final class Coercion {
  private Coercion() {
  }

  static Object to(PgType target, Object value) {
    if (value instanceof Number number) {
      return switch (target) {
        case INT2 -> Short.valueOf(exact(number).shortValueExact());
        case INT4 -> Integer.valueOf(exact(number).intValueExact());
        case INT8 -> Long.valueOf(exact(number).longValueExact());
        case FLOAT4 -> number.floatValue();
        case FLOAT8 -> number.doubleValue();
        case NUMERIC -> number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
        case TEXT, VARCHAR, BPCHAR -> number.toString();
        default -> value;
      };
    }
    if (value instanceof OffsetDateTime time && target == PgType.TIMESTAMP) {
      return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    if (value instanceof LocalDateTime time && target == PgType.TIMESTAMPTZ) {
      return time.atOffset(ZoneOffset.UTC);
    }
    if (value instanceof String text && target != PgType.TEXT && target != PgType.VARCHAR
        && target != PgType.BPCHAR) {
      return PgValues.fromText(target, text);
    }
    return value;
  }

  private static BigDecimal exact(Number number) {
    return number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
  }
}
