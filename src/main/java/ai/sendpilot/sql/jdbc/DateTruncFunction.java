package ai.sendpilot.sql.jdbc;

import java.lang.reflect.Method;
import java.sql.SQLDataException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.ReflectiveCallNotNullImplementor;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's {@code DATE_TRUNC(unit, timestamp)}, the form BI tools write for "by month"
 * (Calcite's PostgreSQL library lacks it; BigQuery's takes its arguments the other way round).
 * It works on the UTC wall clock Calcite holds, as the epoch milliseconds themselves, so the
 * JVM's time zone plays no part.
 */
public final class DateTruncFunction implements ScalarFunction, ImplementableFunction {
  /** The name the driver gives the function. */
  static final String NAME = "DATE_TRUNC";
  static final DateTruncFunction INSTANCE = new DateTruncFunction();

  private static final int TIMESTAMP_PRECISION = 3;
  private static final List<String> UNITS = List.of("millisecond", "second", "minute", "hour",
      "day", "week", "month", "quarter", "year", "decade", "century", "millennium");
  private static final Method TRUNCATE =
      Types.lookupMethod(DateTruncFunction.class, "truncate", String.class, long.class);

  private DateTruncFunction() {
  }

  @Override public List<FunctionParameter> getParameters() {
    return List.of(parameter(0, "unit", SqlTypeName.VARCHAR),
        parameter(1, "timestamp", SqlTypeName.TIMESTAMP));
  }

  @Override public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return timestamp(typeFactory);
  }

  @Override public CallImplementor getImplementor() {
    return RexImpTable.createImplementor(new ReflectiveCallNotNullImplementor(TRUNCATE),
        NullPolicy.STRICT, false);
  }

  private static RelDataType timestamp(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(
        typeFactory.createSqlType(SqlTypeName.TIMESTAMP, TIMESTAMP_PRECISION), true);
  }

  private static FunctionParameter parameter(int ordinal, String name, SqlTypeName type) {
    return new FunctionParameter() {
      @Override public int getOrdinal() {
        return ordinal;
      }

      @Override public String getName() {
        return name;
      }

      @Override public RelDataType getType(RelDataTypeFactory typeFactory) {
        return type == SqlTypeName.TIMESTAMP ? timestamp(typeFactory)
            : typeFactory.createTypeWithNullability(typeFactory.createSqlType(type), true);
      }

      @Override public boolean isOptional() {
        return false;
      }
    };
  }

  /**
   * {@code timestamp} (epoch milliseconds of the UTC wall clock) truncated to the start of its
   * {@code unit}, as PostgreSQL does: weeks start on Monday, centuries in years ending in 01.
   * Called by the generated code of queries.
   *
   * @throws SQLDataException with SQLState 22023 (invalid parameter value) for another unit
   */
  public static long truncate(String unit, long timestamp) throws SQLDataException {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(timestamp, 1000L),
        (int) Math.floorMod(timestamp, 1000L) * 1_000_000, ZoneOffset.UTC);
    LocalDateTime day = t.truncatedTo(ChronoUnit.DAYS);
    LocalDateTime truncated = switch (unit.strip().toLowerCase(Locale.ROOT)) {
      case "millisecond", "milliseconds" -> t.truncatedTo(ChronoUnit.MILLIS);
      case "second", "seconds" -> t.truncatedTo(ChronoUnit.SECONDS);
      case "minute", "minutes" -> t.truncatedTo(ChronoUnit.MINUTES);
      case "hour", "hours" -> t.truncatedTo(ChronoUnit.HOURS);
      case "day", "days" -> day;
      case "week", "weeks" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "month", "months" -> day.withDayOfMonth(1);
      case "quarter" -> day.withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
      case "year", "years" -> day.withDayOfYear(1);
      case "decade" -> day.withDayOfYear(1).withYear(Math.floorDiv(t.getYear(), 10) * 10);
      case "century" -> day.withDayOfYear(1)
          .withYear(Math.floorDiv(t.getYear() - 1, 100) * 100 + 1);
      case "millennium" -> day.withDayOfYear(1)
          .withYear(Math.floorDiv(t.getYear() - 1, 1000) * 1000 + 1);
      default -> throw new SQLDataException("date_trunc: unknown unit '" + unit + "'; use "
          + String.join(", ", UNITS.subList(0, UNITS.size() - 1)) + " or "
          + UNITS.get(UNITS.size() - 1), "22023");
    };
    return truncated.toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
