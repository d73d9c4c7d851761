package ai.sendpilot.sql.jdbc;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The {@code LIMIT ?} and {@code OFFSET ?} parameters of a prepared statement, bound from any
 * integral Java value (a {@code long}, {@code short}, {@code BigDecimal}, … as jOOQ, Spring and
 * Python bind them) as the integer Calcite's generated code expects. As in PostgreSQL, a
 * negative or fractional count fails with SQLState {@code 2201W} (LIMIT) or {@code 2201X}
 * (OFFSET); a count beyond an {@code int} means no limit.
 */
final class LimitParameters {
  static final String LIMIT_STATE = "2201W";
  static final String OFFSET_STATE = "2201X";

  private static final Method SIGNATURE = signatureMethod();

  /** Clause (LIMIT or OFFSET) of each such parameter, by its 1-based index. */
  private final Map<Integer, String> clauses;

  private LimitParameters(Map<Integer, String> clauses) {
    this.clauses = Map.copyOf(clauses);
  }

  /** Those of {@code statement}'s SQL; none when it cannot be read. */
  static LimitParameters of(PreparedStatement statement) {
    Map<Integer, String> clauses = new HashMap<>();
    String sql = sql(statement);
    if (sql != null) {
      try {
        SqlNode node = SqlParser.create(sql, SqlParser.config()
            .withParserFactory(PostgresParser.FACTORY)
            .withConformance(SqlConformanceEnum.LENIENT)).parseStmt();
        node.accept(new SqlBasicVisitor<Void>() {
          @Override public Void visit(SqlCall call) {
            if (call instanceof SqlSelect) {
              note(((SqlSelect) call).getFetch(), "LIMIT");
              note(((SqlSelect) call).getOffset(), "OFFSET");
            } else if (call instanceof SqlOrderBy) {
              note(((SqlOrderBy) call).fetch, "LIMIT");
              note(((SqlOrderBy) call).offset, "OFFSET");
            }
            return super.visit(call);
          }

          private void note(SqlNode bound, String clause) {
            if (bound instanceof SqlDynamicParam) {
              clauses.put(((SqlDynamicParam) bound).getIndex() + 1, clause);
            }
          }
        });
      } catch (SqlParseException | RuntimeException e) {
        // Calcite reports the statement's own syntax error when it runs.
      }
    }
    return new LimitParameters(clauses);
  }

  /**
   * Binds {@code value} to parameter {@code index} if it is a LIMIT or OFFSET; false when it is
   * not one, or the value is no number (Calcite then binds it as usual).
   *
   * @throws SQLException 2201W/2201X for a negative or fractional count
   */
  boolean bind(PreparedStatement statement, int index, Object value) throws SQLException {
    String clause = clauses.get(index);
    if (clause == null || !(value instanceof Number)) {
      return false;
    }
    BigDecimal count = decimal((Number) value);
    String state = clause.equals("LIMIT") ? LIMIT_STATE : OFFSET_STATE;
    if (count.signum() < 0) {
      throw new SQLException(clause + " must not be negative, got " + count.toPlainString(),
          state);
    }
    if (count.stripTrailingZeros().scale() > 0) {
      throw new SQLException(clause + " must be a whole number, got " + count.toPlainString(),
          state);
    }
    int bound = count.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? Integer.MAX_VALUE
        : count.intValueExact();
    statement.setInt(index, bound);
    return true;
  }

  private static BigDecimal decimal(Number number) {
    if (number instanceof BigDecimal) {
      return (BigDecimal) number;
    }
    if (number instanceof BigInteger) {
      return new BigDecimal((BigInteger) number);
    }
    if (number instanceof Double || number instanceof Float) {
      return BigDecimal.valueOf(number.doubleValue());
    }
    return BigDecimal.valueOf(number.longValue());
  }

  private static String sql(PreparedStatement statement) {
    if (SIGNATURE == null || !(statement instanceof AvaticaStatement)) {
      return null;
    }
    try {
      Meta.Signature signature = (Meta.Signature) SIGNATURE.invoke(statement);
      return signature == null ? null : signature.sql;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Avatica keeps a statement's SQL in its signature, which only subclasses may read. */
  private static Method signatureMethod() {
    try {
      Method method = AvaticaStatement.class.getDeclaredMethod("getSignature");
      method.setAccessible(true);
      return method;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
