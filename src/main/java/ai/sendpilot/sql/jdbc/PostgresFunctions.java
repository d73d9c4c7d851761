package ai.sendpilot.sql.jdbc;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * PostgreSQL's string functions where Calcite's answer differs ({@code left}/{@code right} with
 * a negative count, {@code initcap} after a non-ASCII letter, {@code length} in code points, not
 * UTF-16 units) and the text of a timestamp with its fraction of a second. The operators are
 * put in place of Calcite's by {@link PostgresRewrite} and {@link PostgresConvertlets}; the
 * static methods are what the generated code calls.
 */
public final class PostgresFunctions {
  static final SqlUserDefinedFunction LEFT = function("LEFT", "left",
      ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER);
  static final SqlUserDefinedFunction RIGHT = function("RIGHT", "right",
      ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER);
  static final SqlUserDefinedFunction INITCAP = function("INITCAP", "initcap",
      ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.CHARACTER);
  static final SqlUserDefinedFunction LENGTH = function("LENGTH", "length",
      ReturnTypes.INTEGER_NULLABLE, SqlTypeFamily.CHARACTER);
  /** The text of a timestamp's epoch milliseconds; called with a reinterpreted timestamp. */
  static final SqlUserDefinedFunction TIMESTAMP_TEXT = function("TIMESTAMP_TEXT",
      "timestampText", ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.INTEGER);

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

  private PostgresFunctions() {
  }

  private static SqlUserDefinedFunction function(String name, String method,
      SqlReturnTypeInference returns, SqlTypeFamily... families) {
    ScalarFunction implementation = ScalarFunctionImpl.create(PostgresFunctions.class, method);
    List<SqlTypeFamily> operands = List.of(families);
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION, returns,
        (binding, returnType, types) -> {
          for (int i = 0; i < types.length && i < operands.size(); i++) {
            types[i] = defaultType(operands.get(i), binding.getTypeFactory());
          }
        },
        OperandTypes.operandMetadata(operands,
            factory -> operands.stream().map(f -> defaultType(f, factory)).toList(),
            i -> "arg" + i, i -> false),
        implementation) {
      @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
          SqlCall call) {
        return deriveDirectly(this, validator, scope, call);
      }
    };
  }

  /**
   * The type of a call of {@code operator} itself: Calcite's functions look their operator up
   * again by name, which would find Calcite's function of the same name, or none.
   */
  static RelDataType deriveDirectly(SqlOperator operator, SqlValidator validator,
      SqlValidatorScope scope, SqlCall call) {
    SqlValidatorScope operandScope = scope.getOperandScope(call);
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(operandScope, operand);
    }
    return operator.validateOperands(validator, operandScope, call);
  }

  private static RelDataType defaultType(SqlTypeFamily family,
      RelDataTypeFactory factory) {
    SqlTypeName name = family == SqlTypeFamily.CHARACTER ? SqlTypeName.VARCHAR
        : SqlTypeName.BIGINT;
    return factory.createTypeWithNullability(factory.createSqlType(name), true);
  }

  /** The first {@code n} characters; all but the last {@code -n} when {@code n} is negative. */
  @Strict public static String left(String text, Integer n) {
    int length = text.codePointCount(0, text.length());
    int keep = n >= 0 ? Math.min(n, length) : Math.max(0, length + n);
    return text.substring(0, text.offsetByCodePoints(0, keep));
  }

  /** The last {@code n} characters; all but the first {@code -n} when {@code n} is negative. */
  @Strict public static String right(String text, Integer n) {
    int length = text.codePointCount(0, text.length());
    int keep = n >= 0 ? Math.min(n, length) : Math.max(0, length + n);
    return text.substring(text.offsetByCodePoints(0, length - keep));
  }

  /**
   * Each word's first letter in upper case and the rest in lower case; a word is a run of
   * letters and digits, in any script.
   */
  @Strict public static String initcap(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      out.appendCodePoint(inWord ? Character.toLowerCase(c) : Character.toUpperCase(c));
      inWord = Character.isLetterOrDigit(c);
      i += Character.charCount(c);
    }
    return out.toString();
  }

  /** Characters (code points), as PostgreSQL counts them in UTF-8: an emoji is one. */
  @Strict public static Integer length(String text) {
    return text.codePointCount(0, text.length());
  }

  /**
   * A timestamp (epoch milliseconds of its wall clock) as PostgreSQL writes it: seconds, then
   * the fraction without trailing zeros ({@code 2024-02-24 15:30:12.34}).
   */
  @Strict public static String timestampText(Long millis) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
        (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
    String text = SECONDS.format(t);
    int fraction = (int) Math.floorMod(millis, 1000L);
    if (fraction == 0) {
      return text;
    }
    String digits = String.format(Locale.ROOT, "%03d", fraction).replaceAll("0+$", "");
    return text + "." + digits;
  }
}
