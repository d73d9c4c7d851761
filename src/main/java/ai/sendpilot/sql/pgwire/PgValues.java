package ai.sendpilot.sql.pgwire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Column values to PostgreSQL's text and binary formats, and parameter values back. */
final class PgValues {
  private static final LocalDate POSTGRES_EPOCH_DATE = LocalDate.of(2000, 1, 1);
  private static final LocalDateTime POSTGRES_EPOCH = POSTGRES_EPOCH_DATE.atStartOfDay();
  private static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ')
      .appendPattern("HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
      .toFormatter();
  private static final DateTimeFormatter TIMESTAMP_INPUT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .appendPattern("HH:mm[:ss]").optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();
  private static final DateTimeFormatter OFFSET_INPUT = new DateTimeFormatterBuilder()
      .append(TIMESTAMP_INPUT).optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH", "Z").optionalEnd().toFormatter();
  private static final int NUMERIC_NEGATIVE = 0x4000;
  private static final int NBASE_DIGITS = 4;

  private PgValues() {
  }

  /** Column {@code i} of the current row in {@code format} (0 text, 1 binary); null for NULL. */
  static byte[] encode(ResultSet rows, int i, PgType type, int format, ZoneId zone)
      throws SQLException {
    Object value = read(rows, i, type);
    if (value == null) {
      return null;
    }
    return format == 1 ? binary(type, value) : text(type, value, zone)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Object read(ResultSet rows, int i, PgType type) throws SQLException {
    Object value = switch (type) {
      case BOOL -> rows.getBoolean(i);
      case INT2 -> rows.getShort(i);
      case INT4 -> rows.getInt(i);
      case INT8 -> rows.getLong(i);
      case FLOAT4 -> rows.getFloat(i);
      case FLOAT8 -> rows.getDouble(i);
      case NUMERIC -> rows.getBigDecimal(i);
      case DATE -> rows.getObject(i, LocalDate.class);
      case TIMESTAMP -> rows.getObject(i, LocalDateTime.class);
      case TIMESTAMPTZ -> instant(rows, i);
      case BYTEA -> rows.getBytes(i);
      default -> rows.getString(i);
    };
    return rows.wasNull() ? null : value;
  }

  private static Instant instant(ResultSet rows, int i) throws SQLException {
    try {
      OffsetDateTime value = rows.getObject(i, OffsetDateTime.class);
      return value == null ? null : value.toInstant();
    } catch (SQLException e) {
      Timestamp value = rows.getTimestamp(i);
      return value == null ? null : value.toInstant();
    }
  }

  static String text(PgType type, Object value, ZoneId zone) {
    return switch (type) {
      case BOOL -> (Boolean) value ? "t" : "f";
      case FLOAT4 -> floatText((Float) value);
      case FLOAT8 -> doubleText((Double) value);
      case NUMERIC -> ((BigDecimal) value).toPlainString();
      case TIMESTAMP -> TIMESTAMP_TEXT.format((LocalDateTime) value);
      case TIMESTAMPTZ -> offsetText(((Instant) value).atZone(zone).toOffsetDateTime());
      case BYTEA -> "\\x" + HexFormat.of().formatHex((byte[]) value);
      default -> value.toString();
    };
  }

  private static String offsetText(OffsetDateTime value) {
    int seconds = value.getOffset().getTotalSeconds();
    int hours = Math.abs(seconds) / 3600;
    int minutes = Math.abs(seconds) % 3600 / 60;
    String offset = (seconds < 0 ? "-" : "+") + String.format("%02d", hours)
        + (minutes == 0 ? "" : String.format(":%02d", minutes));
    return TIMESTAMP_TEXT.format(value.toLocalDateTime()) + offset;
  }

  /** As PostgreSQL 12 and later print a float8: shortest exact digits. */
  static String doubleText(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    return decimalText(Double.toString(value), value == 0, 15);
  }

  static String floatText(float value) {
    if (Float.isNaN(value)) {
      return "NaN";
    }
    if (Float.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    return decimalText(Float.toString(value), value == 0, 6);
  }

  private static String decimalText(String javaText, boolean zero, int maxPlainExponent) {
    if (zero) {
      return javaText.startsWith("-") ? "-0" : "0";
    }
    BigDecimal exact = new BigDecimal(javaText).stripTrailingZeros();
    int exponent = exact.precision() - exact.scale() - 1;
    if (exponent >= -4 && exponent < maxPlainExponent) {
      return exact.toPlainString();
    }
    String digits = exact.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (exact.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
        + String.format("%02d", Math.abs(exponent));
  }

  static byte[] binary(PgType type, Object value) {
    return switch (type) {
      case BOOL -> new byte[] {(byte) ((Boolean) value ? 1 : 0)};
      case INT2 -> ByteBuffer.allocate(2).putShort((Short) value).array();
      case INT4 -> ByteBuffer.allocate(4).putInt((Integer) value).array();
      case INT8 -> ByteBuffer.allocate(8).putLong((Long) value).array();
      case FLOAT4 -> ByteBuffer.allocate(4).putFloat((Float) value).array();
      case FLOAT8 -> ByteBuffer.allocate(8).putDouble((Double) value).array();
      case NUMERIC -> numericBinary((BigDecimal) value);
      case DATE -> ByteBuffer.allocate(4)
          .putInt((int) ChronoUnit.DAYS.between(POSTGRES_EPOCH_DATE, (LocalDate) value)).array();
      case TIMESTAMP -> ByteBuffer.allocate(8)
          .putLong(ChronoUnit.MICROS.between(POSTGRES_EPOCH, (LocalDateTime) value)).array();
      case TIMESTAMPTZ -> ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(
          POSTGRES_EPOCH.toInstant(ZoneOffset.UTC), (Instant) value)).array();
      case BYTEA -> (byte[]) value;
      default -> value.toString().getBytes(StandardCharsets.UTF_8);
    };
  }

  /** PostgreSQL's binary numeric: base-10000 digits, weight, sign and display scale. */
  static byte[] numericBinary(BigDecimal value) {
    BigDecimal abs = value.abs();
    int displayScale = Math.max(0, abs.scale());
    if (abs.scale() < 0) {
      abs = abs.setScale(0);
    }
    String plain = abs.toPlainString();
    int point = plain.indexOf('.');
    String integer = point < 0 ? plain : plain.substring(0, point);
    String fraction = point < 0 ? "" : plain.substring(point + 1);
    if (integer.equals("0")) {
      integer = "";
    }
    integer = "0".repeat((NBASE_DIGITS - integer.length() % NBASE_DIGITS) % NBASE_DIGITS)
        + integer;
    fraction = fraction
        + "0".repeat((NBASE_DIGITS - fraction.length() % NBASE_DIGITS) % NBASE_DIGITS);
    List<Integer> digits = new ArrayList<>();
    for (int i = 0; i < integer.length(); i += NBASE_DIGITS) {
      digits.add(Integer.parseInt(integer.substring(i, i + NBASE_DIGITS)));
    }
    int weight = digits.size() - 1;
    for (int i = 0; i < fraction.length(); i += NBASE_DIGITS) {
      digits.add(Integer.parseInt(fraction.substring(i, i + NBASE_DIGITS)));
    }
    while (!digits.isEmpty() && digits.get(0) == 0) {
      digits.remove(0);
      weight--;
    }
    while (!digits.isEmpty() && digits.get(digits.size() - 1) == 0) {
      digits.remove(digits.size() - 1);
    }
    if (digits.isEmpty()) {
      weight = 0;
    }
    ByteBuffer out = ByteBuffer.allocate(8 + 2 * digits.size());
    out.putShort((short) digits.size()).putShort((short) weight)
        .putShort((short) (value.signum() < 0 ? NUMERIC_NEGATIVE : 0))
        .putShort((short) displayScale);
    digits.forEach(d -> out.putShort(d.shortValue()));
    return out.array();
  }

  static BigDecimal numericFromBinary(byte[] bytes) {
    MessageReader in = new MessageReader(bytes, 'B');
    int count = in.count16();
    int weight = in.int16();
    int sign = in.int16() & 0xffff;
    int scale = in.count16();
    if (sign == 0xC000) {
      throw new NumberFormatException("NaN is not a supported numeric parameter");
    }
    BigInteger unscaled = BigInteger.ZERO;
    for (int i = 0; i < count; i++) {
      unscaled = unscaled.multiply(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(in.int16()));
    }
    in.end();
    BigDecimal value = new BigDecimal(unscaled, (count - weight - 1) * NBASE_DIGITS);
    value = value.setScale(scale, RoundingMode.UNNECESSARY);
    return sign == NUMERIC_NEGATIVE ? value.negate() : value;
  }

  /** A parameter sent in binary as {@code type}, as the Java value the driver binds. */
  static Object fromBinary(PgType type, byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    Object value = switch (type) {
      case BOOL -> in.get() != 0;
      case INT2 -> in.getShort();
      case INT4 -> in.getInt();
      case INT8 -> in.getLong();
      case FLOAT4 -> in.getFloat();
      case FLOAT8 -> in.getDouble();
      case NUMERIC -> numericFromBinary(bytes);
      case DATE -> POSTGRES_EPOCH_DATE.plusDays(in.getInt());
      case TIME -> LocalTime.ofNanoOfDay(in.getLong() * 1000);
      case TIMESTAMP -> POSTGRES_EPOCH.plus(in.getLong(), ChronoUnit.MICROS);
      case TIMESTAMPTZ -> POSTGRES_EPOCH.plus(in.getLong(), ChronoUnit.MICROS)
          .atOffset(ZoneOffset.UTC);
      case BYTEA -> bytes;
      default -> new String(bytes, StandardCharsets.UTF_8);
    };
    if (type.length() > 0 && in.hasRemaining()) {
      throw new IllegalArgumentException("a binary " + type.name().toLowerCase() + " is "
          + type.length() + " bytes, got " + bytes.length);
    }
    return value;
  }

  /** A text parameter as the Java value for a column of {@code type}. */
  static Object fromText(PgType type, String text) {
    String trimmed = text.strip();
    return switch (type) {
      case BOOL -> bool(trimmed);
      case INT2 -> Short.valueOf(trimmed);
      case INT4 -> Integer.valueOf(trimmed);
      case INT8 -> Long.valueOf(trimmed);
      case FLOAT4 -> Float.valueOf(trimmed);
      case FLOAT8 -> Double.valueOf(trimmed);
      case NUMERIC -> new BigDecimal(trimmed);
      case DATE -> LocalDate.parse(trimmed);
      case TIME -> LocalTime.parse(trimmed);
      case TIMESTAMP -> LocalDateTime.parse(trimmed, TIMESTAMP_INPUT);
      case TIMESTAMPTZ -> offsetDateTime(trimmed);
      case BYTEA -> trimmed.startsWith("\\x") ? HexFormat.of().parseHex(trimmed.substring(2))
          : text.getBytes(StandardCharsets.UTF_8);
      default -> text;
    };
  }

  private static OffsetDateTime offsetDateTime(String text) {
    var parsed = OFFSET_INPUT.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime o ? o : ((LocalDateTime) parsed).atOffset(
        ZoneOffset.UTC);
  }

  private static Boolean bool(String text) {
    return switch (text.toLowerCase()) {
      case "t", "true", "y", "yes", "on", "1" -> true;
      case "f", "false", "n", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException("invalid input syntax for type boolean: \""
          + text + "\"");
    };
  }
}
