package ai.sendpilot.sql.jdbc;

import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;

/**
 * Statement calls the driver answers itself: SQL that writes is refused before Calcite plans
 * it, a prepared statement binds java.time parameters ({@link TypedValues#bind}) and LIMIT
 * and OFFSET counts of any integral type ({@link LimitParameters}), the warnings include the
 * scans' ({@link ScanWarnings}), cleared at each execution; in the {@code postgresql} dialect,
 * session statements ({@link SessionStatements}) are answered here.
 */
final class StatementCalls implements OwnCalls {
  private static final Set<String> BINDS_NUMBERS = Set.of("setInt", "setLong", "setShort",
      "setByte", "setBigDecimal", "setDouble", "setFloat", "setObject");

  private final Object target;
  private final Session session;
  private LimitParameters limits;

  StatementCalls(Object target, Session session) {
    this.target = target;
    this.session = session;
  }

  /** What {@code execute…} of a session statement returns: SHOW's row, else no rows. */
  private Object answer(String method, SessionStatements.Request request) throws SQLException {
    Statement statement = (Statement) target;
    if (request instanceof SessionStatements.Show show) {
      String query = SessionStatements.showQuery(show);
      return switch (method) {
        case "executeQuery" -> statement.executeQuery(query);
        case "execute" -> statement.execute(query);
        default -> throw new SQLException("SHOW returns a row; run it with executeQuery",
            "0A000");
      };
    }
    SessionStatements.apply((SessionStatements.Change) request, statement);
    return switch (method) {
      case "executeQuery" -> throw new SQLException("No results were returned by the query",
          "02000");
      case "execute" -> false;
      case "executeLargeUpdate" -> 0L;
      default -> 0;
    };
  }

  /** The statement's LIMIT and OFFSET parameters, found at the first parameter bound. */
  private LimitParameters limits() {
    if (limits == null) {
      limits = LimitParameters.of((PreparedStatement) target);
    }
    return limits;
  }

  @Override public Object call(Method method, Object[] args) throws SQLException {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    if (arity >= 1 && args[0] instanceof String && name.startsWith("execute")
        && Dialect.of(session.calcite()) == Dialect.POSTGRESQL) {
      Optional<SessionStatements.Request> request =
          session.statements().recognise((String) args[0]);
      if (request.isPresent()) {
        return answer(name, request.get());
      }
      int timeout = session.statements().statementTimeoutSeconds();
      if (timeout > 0 && ((Statement) target).getQueryTimeout() == 0) {
        ((Statement) target).setQueryTimeout(timeout);
      }
    }
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
    if (BINDS_NUMBERS.contains(name) && arity >= 2 && target instanceof PreparedStatement
        && args[0] instanceof Integer && limits().bind((PreparedStatement) target,
            (Integer) args[0], args[1])) {
      return null;
    }
    if (name.equals("setObject") && arity >= 2 && target instanceof PreparedStatement
        && args[0] instanceof Integer
        && TypedValues.bind((PreparedStatement) target, (Integer) args[0], args[1])) {
      return null;
    }
    return PASS;
  }
}
