package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.adapter.Causes;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Calcite's failures to parse or validate a statement as one line that says what and where,
 * with the SQLState tools know: {@code 42000} syntax error or access rule violation,
 * {@code 42S02} table not found, {@code 42S22} column not found. Calcite's own messages run to
 * the expected tokens or the planner's state, many lines long; the full text stays in the
 * cause.
 */
final class SqlErrors {
  static final String SYNTAX_ERROR = "42000";
  static final String TABLE_NOT_FOUND = "42S02";
  static final String COLUMN_NOT_FOUND = "42S22";
  static final String NOT_SUPPORTED = "0A000";
  static final String INTERNAL_ERROR = "XX000";
  static final String DIVISION_BY_ZERO = "22012";
  /** Avatica's own cancel, before the scan started, as the driver's cancels are. */
  static final String CANCELLED = "HY008";
  static final String OUT_OF_RANGE = "22003";

  private static final Pattern UNKNOWN_TABLE =
      Pattern.compile("^(Object|Table) '.*' not found.*");
  private static final Pattern UNKNOWN_COLUMN =
      Pattern.compile("^Column '.*' not found .*");

  private SqlErrors() {
  }

  /**
   * {@code e}, a failure to prepare a statement, as one line with a SQLState: its parse or
   * validation error, or its first line.
   */
  static SQLException describe(SQLException e) {
    SqlParseException parse = Causes.find(e, SqlParseException.class);
    if (parse != null) {
      return new SQLException("Syntax error: " + at(firstLine(parse.getMessage()),
          parse.getPos()), SYNTAX_ERROR, e);
    }
    CalciteContextException context = Causes.find(e, CalciteContextException.class);
    if (context != null) {
      Throwable cause = context.getCause();
      String what = firstLine(cause != null && cause.getMessage() != null ? cause.getMessage()
          : context.getMessage());
      String message = what + position(context.getPosLine(), context.getPosColumn());
      return new SQLException(message, validationState(what), e);
    }
    String message = e.getMessage();
    if (e.getSQLState() != null && (message == null || message.lines().count() <= 1)) {
      return e;
    }
    String state = e.getSQLState() != null ? e.getSQLState() : unstatedState(e);
    boolean oneLine = message == null || message.lines().count() <= 1;
    return new SQLException(oneLine ? message : firstLine(message), state, e);
  }

  /**
   * The SQLState of a failure Calcite gave none: {@code HY008} for a cancel,
   * {@code 22012}/{@code 22003} for arithmetic,
   * {@code 0A000} (feature not supported) for what it cannot plan or implement, else
   * {@code XX000} (internal error), as PostgreSQL says.
   */
  static String unstatedState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String text = String.valueOf(t.getMessage());
      if (text.startsWith("Statement canceled")) {
        return CANCELLED;
      }
      if (t instanceof ArithmeticException) {
        return text.contains("by zero") ? DIVISION_BY_ZERO : OUT_OF_RANGE;
      }
      if (t instanceof UnsupportedOperationException || text.contains("not enough rules")
          || text.startsWith("Unable to implement")) {
        return NOT_SUPPORTED;
      }
    }
    return INTERNAL_ERROR;
  }

  private static String validationState(String message) {
    if (UNKNOWN_TABLE.matcher(message).matches()) {
      return TABLE_NOT_FOUND;
    }
    if (UNKNOWN_COLUMN.matcher(message).matches()) {
      return COLUMN_NOT_FOUND;
    }
    return SYNTAX_ERROR;
  }

  /** {@code message} saying where, unless it does already. */
  private static String at(String message, SqlParserPos pos) {
    if (message.contains(" at line ") || pos == null) {
      return message;
    }
    return message + position(pos.getLineNum(), pos.getColumnNum());
  }

  private static String position(int line, int column) {
    return line > 0 ? " at line " + line + ", column " + column : "";
  }

  /** The first line, without a closing full stop. */
  private static String firstLine(String message) {
    String line = message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }
}
