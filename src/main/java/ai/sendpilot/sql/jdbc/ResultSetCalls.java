package ai.sendpilot.sql.jdbc;

import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * {@code getObject(column, Class)}, which Avatica's accessors do not implement, and the
 * warnings of the scans that make the rows ({@link ScanWarnings}).
 */
final class ResultSetCalls implements OwnCalls {
  private final ResultSet target;

  ResultSetCalls(ResultSet target) {
    this.target = target;
  }

  @Override public Object call(Method method, Object[] args) throws SQLException {
    if (method.getName().equals("getWarnings") && (args == null || args.length == 0)) {
      SQLWarning own = target.getWarnings();
      return target.getStatement() == null ? own : ScanWarnings.of(target.getStatement(), own);
    }
    if (!method.getName().equals("getObject") || args == null || args.length != 2
        || !(args[1] instanceof Class)) {
      return PASS;
    }
    int column = args[0] instanceof String ? target.findColumn((String) args[0])
        : (Integer) args[0];
    return TypedValues.read(target, column, (Class<?>) args[1]);
  }
}
