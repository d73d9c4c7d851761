package ai.sendpilot.sql.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJdbcFunctionCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.util.NlsString;

/**
 * Gives a parsed statement PostgreSQL's meaning where Calcite's differs: {@code extract(dow …)}
 * counts from Sunday = 0, {@code extract(epoch|second …)} keeps the fraction of a second,
 * {@code date_part('unit', x)} is an extract, {@code left}/{@code right}/{@code initcap}/
 * {@code length} are PostgreSQL's ({@link PostgresFunctions}), {@code now()} is the current
 * timestamp, and PostgreSQL's type names ({@code text}, {@code int4}, {@code float8},
 * {@code timestamptz}, …) are Calcite's types.
 */
final class PostgresRewrite extends SqlShuttle {
  private static final Map<String, SqlTypeName> TYPE_NAMES = Map.ofEntries(
      Map.entry("TEXT", SqlTypeName.VARCHAR), Map.entry("STRING", SqlTypeName.VARCHAR),
      Map.entry("BPCHAR", SqlTypeName.CHAR), Map.entry("NAME", SqlTypeName.VARCHAR),
      Map.entry("INT2", SqlTypeName.SMALLINT), Map.entry("INT4", SqlTypeName.INTEGER),
      Map.entry("INT8", SqlTypeName.BIGINT), Map.entry("FLOAT4", SqlTypeName.REAL),
      Map.entry("FLOAT8", SqlTypeName.DOUBLE), Map.entry("BOOL", SqlTypeName.BOOLEAN),
      Map.entry("TIMESTAMPTZ", SqlTypeName.TIMESTAMP), Map.entry("SERIAL", SqlTypeName.INTEGER),
      Map.entry("BIGSERIAL", SqlTypeName.BIGINT), Map.entry("OID", SqlTypeName.INTEGER),
      Map.entry("REGCLASS", SqlTypeName.VARCHAR), Map.entry("REGTYPE", SqlTypeName.VARCHAR),
      Map.entry("REGPROC", SqlTypeName.VARCHAR), Map.entry("JSON", SqlTypeName.VARCHAR),
      Map.entry("JSONB", SqlTypeName.VARCHAR), Map.entry("UUID", SqlTypeName.VARCHAR),
      Map.entry("CITEXT", SqlTypeName.VARCHAR));
  private static final Map<String, SqlUserDefinedFunction> FUNCTIONS = Map.of(
      "LEFT", PostgresFunctions.LEFT, "RIGHT", PostgresFunctions.RIGHT,
      "INITCAP", PostgresFunctions.INITCAP, "LENGTH", PostgresFunctions.LENGTH,
      "CHAR_LENGTH", PostgresFunctions.LENGTH, "CHARACTER_LENGTH", PostgresFunctions.LENGTH);
  private static final List<String> NOW = List.of("NOW", "TRANSACTION_TIMESTAMP",
      "STATEMENT_TIMESTAMP", "CLOCK_TIMESTAMP");

  /** Window functions that take no frame. */
  private static final Set<String> RANKING = Set.of("ROW_NUMBER", "RANK", "DENSE_RANK",
      "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE",
      "NTH_VALUE");

  private PostgresRewrite() {
  }

  /** {@code node} with PostgreSQL's meaning; null stays null. */
  static SqlNode rewrite(SqlNode node) {
    return node == null ? null : node.accept(new PostgresRewrite());
  }

  @Override public SqlNode visit(SqlCall original) {
    SqlNode visited = super.visit(original);
    if (!(visited instanceof SqlCall)) {
      return visited;
    }
    SqlCall call = (SqlCall) visited;
    SqlParserPos pos = call.getParserPosition();
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    if (call.getKind() == SqlKind.OVER) {
      return wholePartition(call);
    }
    if (call.getKind() == SqlKind.EXTRACT && call.operandCount() == 2
        && call.operand(0) instanceof SqlIntervalQualifier) {
      return extract(((SqlIntervalQualifier) call.operand(0)).timeUnitRange, call, pos);
    }
    if (name.equals("DATE_PART") && call.operandCount() == 2
        && call.operand(0) instanceof SqlLiteral
        && ((SqlLiteral) call.operand(0)).getValue() instanceof NlsString) {
      String unit = ((SqlLiteral) call.operand(0)).getValueAs(String.class);
      TimeUnitRange range = unit(unit);
      if (range != null) {
        SqlCall extract = SqlStdOperatorTable.EXTRACT.createCall(pos,
            new SqlIntervalQualifier(range.startUnit, range.endUnit, pos), call.operand(1));
        SqlNode value = extract(range, extract, pos);
        return SqlStdOperatorTable.CAST.createCall(pos, value,
            new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, pos), pos));
      }
    }
    SqlUserDefinedFunction function = FUNCTIONS.get(name);
    if (function != null && call.getOperator().getSyntax() == SqlSyntax.FUNCTION
        && call.operandCount() == function.getFunction().getParameters().size()) {
      return function.createCall(pos, call.getOperandList());
    }
    if (call.getOperator() instanceof SqlJdbcFunctionCall && name.startsWith("{FN ")) {
      // Calcite knows {fn UCASE(…)} only in upper case; JDBC's escapes are in any case.
      String escaped = name.substring("{FN ".length(), name.length() - 1).strip();
      SqlJdbcFunctionCall upper = new SqlJdbcFunctionCall(escaped);
      return upper.createCall(pos, call.getOperandList());
    }
    if (NOW.contains(name) && call.operandCount() == 0) {
      return SqlStdOperatorTable.CURRENT_TIMESTAMP.createCall(pos);
    }
    return call;
  }

  @Override public SqlNode visit(SqlDataTypeSpec type) {
    SqlTypeNameSpec spec = type.getTypeNameSpec();
    SqlTypeName mapped = TYPE_NAMES.get(spec.getTypeName().getSimple().toUpperCase(Locale.ROOT));
    if (mapped == null || spec instanceof SqlBasicTypeNameSpec) {
      return type;
    }
    SqlParserPos pos = type.getParserPosition();
    return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(mapped, pos), pos);
  }

  /**
   * An aggregate over a window without ORDER BY or frame ({@code sum(count(*)) over ()}) framed
   * explicitly as its whole partition, which it is: Calcite would order such a window by the
   * table's own order, which an aggregation below it no longer has, and fail.
   */
  private static SqlCall wholePartition(SqlCall over) {
    SqlNode function = over.operand(0);
    SqlNode window = over.operand(1);
    if (!(function instanceof SqlCall) || !(window instanceof SqlWindow)) {
      return over;
    }
    SqlWindow w = (SqlWindow) window;
    SqlCall aggregate = (SqlCall) function;
    String name = aggregate.getOperator().getName().toUpperCase(Locale.ROOT);
    boolean plainAggregate = !RANKING.contains(name);
    if (plainAggregate && w.getOrderList().isEmpty() && w.getLowerBound() == null
        && w.getUpperBound() == null && w.getRefName() == null) {
      SqlParserPos pos = w.getParserPosition();
      w.setRows(SqlLiteral.createBoolean(true, pos));
      w.setLowerBound(SqlWindow.createUnboundedPreceding(pos));
      w.setUpperBound(SqlWindow.createUnboundedFollowing(pos));
    }
    return over;
  }

  /** PostgreSQL's {@code extract}: Sunday is day 0, epoch and seconds keep their fraction. */
  private static SqlNode extract(TimeUnitRange unit, SqlCall extract, SqlParserPos pos) {
    SqlNode operand = extract.operand(1);
    return switch (unit) {
      case DOW -> SqlStdOperatorTable.MINUS.createCall(pos, extract,
          SqlLiteral.createExactNumeric("1", pos));
      case EPOCH, SECOND -> PostgresConvertlets.FRACTIONAL_EXTRACT.createCall(pos,
          SqlLiteral.createCharString(unit.name(), pos), operand);
      default -> extract;
    };
  }

  /** The unit a {@code date_part} names ({@code 'dow'}, {@code 'epoch'}, …), or null. */
  private static TimeUnitRange unit(String name) {
    String upper = name.strip().toUpperCase(Locale.ROOT);
    if (upper.endsWith("S")) {
      upper = upper.substring(0, upper.length() - 1);
    }
    try {
      return TimeUnitRange.valueOf(switch (upper) {
        case "MILLISECOND", "MSEC" -> "MILLISECOND";
        case "MICROSECOND", "USEC" -> "MICROSECOND";
        case "SEC" -> "SECOND";
        case "MIN" -> "MINUTE";
        case "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "WEEK", "QUARTER", "DOW",
             "DOY", "ISODOW", "ISOYEAR", "EPOCH", "DECADE", "CENTURY", "MILLENNIUM" -> upper;
        default -> "";
      });
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
