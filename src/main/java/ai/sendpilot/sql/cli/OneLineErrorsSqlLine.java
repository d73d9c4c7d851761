package ai.sendpilot.sql.cli;

import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import sqlline.SendPilotSqlLineBase;

/**
 * sqlline, telling each failure and warning in one line: sqlline prints a stack trace for every
 * failure and warning of its start-up (the connection's warnings, the statements of {@code -e}
 * and {@code -f}). When asked for ({@code --verbose=true}, {@code SENDPILOT_VERBOSE=1}), the
 * stack trace follows.
 */
final class OneLineErrorsSqlLine extends SendPilotSqlLineBase {
  private final boolean stackTraces;

  /** A sqlline; {@code stackTraces}: print each failure's stack trace after its line. */
  OneLineErrorsSqlLine(boolean stackTraces) {
    this.stackTraces = stackTraces;
  }

  @Override public void handleException(Throwable e) {
    Throwable failure = e;
    while (failure instanceof InvocationTargetException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    SQLException sql = failure instanceof SQLException ? (SQLException) failure
        : failure.getCause() instanceof SQLException ? (SQLException) failure.getCause() : null;
    if (sql instanceof SQLWarning && !getOpts().getShowWarnings()) {
      return;
    }
    error(sql == null ? line(failure) : line(sql));
    if (stackTraces) {
      failure.printStackTrace();
    }
  }

  /** sqlline's own form: {@code Error: message (state=…,code=…)}. */
  private static String line(SQLException e) {
    return (e instanceof SQLWarning ? "Warning: " : "Error: ") + message(e) + " (state="
        + (e.getSQLState() == null ? "" : e.getSQLState().strip()) + ",code=" + e.getErrorCode()
        + ")";
  }

  private static String line(Throwable e) {
    return "Error: " + (e.getMessage() == null ? e.getClass().getName() : message(e));
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? "" : e.getMessage().strip();
  }
}
