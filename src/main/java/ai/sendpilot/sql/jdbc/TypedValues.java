package ai.sendpilot.sql.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Values as the caller's Java type: {@code ResultSet.getObject(i, Class)}, which Avatica's
 * accessors do not implement, and java.time parameters, which Avatica cannot bind. Calcite holds
 * a TIMESTAMP as the UTC wall clock, so {@link LocalDateTime} is that wall clock and
 * {@link Instant} and {@link OffsetDateTime} are the instant at UTC, whatever the JVM's zone.
 */
final class TypedValues {
  /** SQLState 07006: restricted data type attribute violation (no such conversion). */
  static final String NO_CONVERSION = "07006";

  private TypedValues() {
  }

  /** A calendar of UTC, for reading and binding the wall clock as it is. */
  private static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
  }

  /**
   * Column {@code column} of the current row of {@code rs} as {@code type}; null for SQL NULL.
   *
   * @throws SQLException with SQLState {@value #NO_CONVERSION} when the column's type does not
   *     convert to {@code type}
   */
  static <T> T read(ResultSet rs, int column, Class<T> type) throws SQLException {
    if (type == null) {
      throw new SQLException("getObject needs a type", NO_CONVERSION);
    }
    Object value = readAs(rs, column, type);
    return rs.wasNull() ? null : type.cast(value);
  }

  private static Object readAs(ResultSet rs, int column, Class<?> type) throws SQLException {
    if (type == Object.class) {
      return rs.getObject(column);
    }
    if (type == String.class) {
      return rs.getString(column);
    }
    if (type == Integer.class) {
      return rs.getInt(column);
    }
    if (type == Long.class) {
      return rs.getLong(column);
    }
    if (type == Short.class) {
      return rs.getShort(column);
    }
    if (type == Byte.class) {
      return rs.getByte(column);
    }
    if (type == Double.class) {
      return rs.getDouble(column);
    }
    if (type == Float.class) {
      return rs.getFloat(column);
    }
    if (type == Boolean.class) {
      return rs.getBoolean(column);
    }
    if (type == BigDecimal.class) {
      return rs.getBigDecimal(column);
    }
    if (type == Timestamp.class) {
      return rs.getTimestamp(column);
    }
    if (type == Date.class) {
      return rs.getDate(column);
    }
    if (type == Time.class) {
      return rs.getTime(column);
    }
    return readDateTime(rs, column, type);
  }

  /** java.time values from a DATE, TIME or TIMESTAMP column. */
  private static Object readDateTime(ResultSet rs, int column, Class<?> type)
      throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int sqlType = md.getColumnType(column);
    LocalDateTime wallClock;
    switch (sqlType) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
        Timestamp t = rs.getTimestamp(column, utc());
        wallClock = t == null ? null : LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC);
      }
      case Types.DATE -> {
        Date d = rs.getDate(column, utc());
        wallClock = d == null ? null
            : LocalDateTime.ofInstant(Instant.ofEpochMilli(d.getTime()), ZoneOffset.UTC);
      }
      case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
        Time t = rs.getTime(column, utc());
        wallClock = t == null ? null : LocalDateTime.ofInstant(Instant.ofEpochMilli(t.getTime()),
            ZoneOffset.UTC);
      }
      default -> throw noConversion(md, column, type);
    }
    if (wallClock == null) {
      return null;
    }
    if (type == LocalDateTime.class) {
      return wallClock;
    }
    if (type == LocalDate.class && sqlType != Types.TIME && sqlType != Types.TIME_WITH_TIMEZONE) {
      return wallClock.toLocalDate();
    }
    if (type == LocalTime.class && sqlType != Types.DATE) {
      return wallClock.toLocalTime();
    }
    if (type == Instant.class) {
      return wallClock.toInstant(ZoneOffset.UTC);
    }
    if (type == OffsetDateTime.class) {
      return wallClock.atOffset(ZoneOffset.UTC);
    }
    if (type == ZonedDateTime.class) {
      return wallClock.atZone(ZoneOffset.UTC);
    }
    throw noConversion(md, column, type);
  }

  private static SQLException noConversion(ResultSetMetaData md, int column, Class<?> type)
      throws SQLException {
    return new SQLException("Cannot read column " + column + " (" + md.getColumnLabel(column)
        + ", " + md.getColumnTypeName(column) + ") as " + type.getName(), NO_CONVERSION);
  }

  /**
   * Binds {@code value} to parameter {@code index} when it is a java.time value, as the UTC
   * wall clock; returns whether it did.
   */
  static boolean bind(PreparedStatement ps, int index, Object value) throws SQLException {
    Instant instant;
    if (value instanceof LocalDateTime) {
      instant = ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
    } else if (value instanceof Instant) {
      instant = (Instant) value;
    } else if (value instanceof OffsetDateTime) {
      instant = ((OffsetDateTime) value).toInstant();
    } else if (value instanceof ZonedDateTime) {
      instant = ((ZonedDateTime) value).toInstant();
    } else if (value instanceof LocalDate) {
      ps.setDate(index, new Date(((LocalDate) value).atStartOfDay(ZoneOffset.UTC).toInstant()
          .toEpochMilli()), utc());
      return true;
    } else if (value instanceof LocalTime) {
      ps.setTime(index, new Time(((LocalTime) value).toNanoOfDay() / 1_000_000), utc());
      return true;
    } else {
      return false;
    }
    ps.setTimestamp(index, Timestamp.from(instant), utc());
    return true;
  }
}
