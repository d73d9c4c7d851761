package ai.sendpilot.sql.jdbc;

import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Statement calls the driver answers itself: SQL that writes is refused before Calcite plans
 * it, a prepared statement binds java.time parameters ({@link TypedValues#bind}), and the
 * warnings include the scans' ({@link ScanWarnings}), cleared at each execution.
 */
final class StatementCalls implements OwnCalls {
  private final Object target;

  StatementCalls(Object target) {
    this.target = target;
  }

  @Override public Object call(Method method, Object[] args) throws SQLException {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    if (arity >= 1 && args[0] instanceof String && (name.startsWith("execute")
        || name.equals("addBatch"))) {
      ReadOnlySql.check((String) args[0]);
    }
    if (target instanceof Statement && arity == 0) {
      Statement statement = (Statement) target;
      if (name.equals("getWarnings")) {
        return ScanWarnings.of(statement, statement.getWarnings());
      }
      if (name.equals("clearWarnings")) {
        ScanWarnings.clear(statement);
        return PASS;
      }
    }
    if (target instanceof Statement && (name.startsWith("execute") || name.equals("close"))) {
      ScanWarnings.clear((Statement) target);
    }
    if (name.equals("setObject") && arity >= 2 && target instanceof PreparedStatement
        && args[0] instanceof Integer
        && TypedValues.bind((PreparedStatement) target, (Integer) args[0], args[1])) {
      return null;
    }
    return PASS;
  }
}
