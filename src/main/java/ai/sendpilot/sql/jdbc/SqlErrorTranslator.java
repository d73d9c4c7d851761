package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.adapter.SendPilotFailure;
import ai.sendpilot.sql.adapter.SendPilotFailure.Kind;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Wraps a connection and everything it hands out so that a failure while rows are being read
 * (a later page's HTTP error, a cancelled scan) reaches the caller as an {@link SQLException}
 * with a meaningful SQLState, as JDBC promises, rather than as an unchecked exception out of
 * {@code ResultSet.next()}, and a statement Calcite cannot prepare fails with one line
 * ({@link SqlErrors}). Statements and result sets lead back to the wrapped connection. Calls
 * the driver answers itself ({@link OwnCalls}) are answered before Calcite's objects see them.
 */
final class SqlErrorTranslator implements InvocationHandler {
  private static final List<Class<?>> WRAPPED = List.of(Connection.class, Statement.class,
      PreparedStatement.class, CallableStatement.class, ResultSet.class, DatabaseMetaData.class,
      ResultSetMetaData.class);

  private final Object target;
  private final Session session;
  private final OwnCalls own;
  private final Runnable onClose;
  private final Object connection;
  private final Object statement;
  private boolean closed;

  /**
   * A handler.
   *
   * @param target the wrapped object
   * @param session the session of the connection the object belongs to
   * @param onClose runs once, when the wrapped object is first closed
   * @param connection the connection proxy the object came from (null: it is the connection)
   * @param statement the statement proxy a result set came from, or null
   */
  private SqlErrorTranslator(Object target, Session session, Runnable onClose, Object connection,
      Object statement) {
    this.target = target;
    this.session = session;
    this.own = ownCalls(target, session);
    this.onClose = onClose;
    this.connection = connection;
    this.statement = statement;
  }

  /**
   * Wraps {@code connection}, whose session is {@code session}; {@code onClose} runs once, when
   * it is first closed.
   */
  static Connection wrap(CalciteConnection connection, Session session, Runnable onClose) {
    return (Connection) Proxy.newProxyInstance(SqlErrorTranslator.class.getClassLoader(),
        new Class<?>[] {CalciteConnection.class},
        new SqlErrorTranslator(connection, session, onClose, null, null));
  }

  /** The calls the driver answers itself for {@code target}. */
  private static OwnCalls ownCalls(Object target, Session session) {
    if (target instanceof CalciteConnection) {
      return new ConnectionCalls((CalciteConnection) target, session);
    }
    if (target instanceof Statement) {
      return new StatementCalls(target, session);
    }
    if (target instanceof ResultSet) {
      return new ResultSetCalls((ResultSet) target);
    }
    if (target instanceof ResultSetMetaData) {
      return new ResultSetMetaDataCalls((ResultSetMetaData) target, session);
    }
    if (target instanceof DatabaseMetaData) {
      return new MetaDataCalls(session);
    }
    return OwnCalls.NONE;
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int arity = method.getParameterCount();
    if (name.equals("equals") && arity == 1) {
      return proxy == args[0];
    }
    if (name.equals("hashCode") && arity == 0) {
      return System.identityHashCode(proxy);
    }
    if ((name.equals("unwrap") || name.equals("isWrapperFor")) && arity == 1
        && ((Class<?>) args[0]).isInstance(proxy)) {
      return name.equals("unwrap") ? proxy : Boolean.TRUE;
    }
    if (name.equals("getConnection") && arity == 0 && connection != null) {
      return connection;
    }
    if (name.equals("getStatement") && arity == 0 && statement != null) {
      return statement;
    }
    Object result;
    try {
      result = own.call(method, args);
      if (result == OwnCalls.PASS) {
        result = method.invoke(target, args);
      }
    } catch (InvocationTargetException e) {
      throw translate(method, e.getCause());
    } catch (SQLException | RuntimeException e) {
      throw translate(method, e);
    } finally {
      if (name.equals("close") && arity == 0) {
        runOnCloseOnce();
      }
    }
    Class<?> type = method.getReturnType();
    if (result != null && WRAPPED.contains(type)) {
      return wrapChild(proxy, result, type);
    }
    return result;
  }

  private Object wrapChild(Object proxy, Object child, Class<?> declared) {
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    interfaces.add(declared);
    for (Class<?> i : WRAPPED) {
      if (i.isInstance(child) && declared.isAssignableFrom(i)) {
        interfaces.add(i);
      }
    }
    Object parentConnection = connection == null ? proxy : connection;
    Object parentStatement = target instanceof Statement ? proxy : null;
    return Proxy.newProxyInstance(SqlErrorTranslator.class.getClassLoader(),
        interfaces.toArray(new Class<?>[0]),
        new SqlErrorTranslator(child, session, () -> { }, parentConnection, parentStatement));
  }

  private synchronized void runOnCloseOnce() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }

  private static Throwable translate(Method method, Throwable thrown) {
    // A constant Calcite folds while loading generated code (1 / 0) fails the class's loading.
    Throwable cause = thrown instanceof ExceptionInInitializerError && thrown.getCause() != null
        ? thrown.getCause() : thrown;
    if (cause instanceof SQLException) {
      return withSqlState((SQLException) cause);
    }
    if (!(cause instanceof RuntimeException) || !declaresSqlException(method)) {
      return cause;
    }
    SendPilotFailure failure = SendPilotFailure.of(cause);
    SQLException stated = failure == null ? withState(cause) : null;
    if (stated != null) {
      return new SQLException(stated.getMessage(), stated.getSQLState(), cause);
    }
    String message = "Error while reading rows: "
        + (failure == null ? String.valueOf(cause.getMessage()) : failure.message());
    if (failure != null && failure.kind() == Kind.TIMED_OUT) {
      return new SQLTimeoutException(message, "HYT00", cause);
    }
    String state = sqlState(failure);
    return new SQLException(message, state != null ? state : SqlErrors.unstatedState(cause),
        cause);
  }

  /**
   * A failure to check the key and host while connecting, as the {@link SQLException} a query
   * would meet, said as a failure to connect.
   */
  static SQLException cannotConnect(RuntimeException e) {
    SendPilotFailure failure = SendPilotFailure.of(e);
    String message = "Cannot connect to SendPilot: "
        + (failure == null ? String.valueOf(e.getMessage()) : failure.message());
    String state = failure == null ? "08001" : sqlState(failure);
    return failure != null && failure.kind() == Kind.TIMED_OUT
        ? new SQLTimeoutException(message, state, e) : new SQLException(message, state, e);
  }

  /** The first {@link SQLException} with a SQLState among {@code t}'s causes, or null. */
  private static SQLException withState(Throwable t) {
    for (Throwable current = t; current != null; current = current.getCause()) {
      if (current instanceof SQLException && ((SQLException) current).getSQLState() != null) {
        return (SQLException) current;
      }
      if (current.getCause() == current) {
        break;
      }
    }
    return null;
  }

  /**
   * The same failure with the SQLState and class its SendPilot cause calls for; else, when
   * Calcite could not prepare a statement, its one-line description.
   */
  private static SQLException withSqlState(SQLException e) {
    if (e.getSQLState() != null || e instanceof SQLTimeoutException) {
      return e;
    }
    SendPilotFailure failure = SendPilotFailure.of(e);
    if (failure == null) {
      return SqlErrors.describe(e);
    }
    if (failure.kind() == Kind.TIMED_OUT) {
      return new SQLTimeoutException(e.getMessage(), "HYT00", e);
    }
    return new SQLException(e.getMessage(), sqlState(failure), e);
  }

  /**
   * {@code 28000} for a rejected key, {@code 08006} when no response arrived, {@code HY008} for
   * a cancelled query, {@code HYT00} for a timed-out one, {@code HY000} for other API failures;
   * null when SendPilot is not the cause.
   */
  private static String sqlState(SendPilotFailure failure) {
    if (failure == null) {
      return null;
    }
    return switch (failure.kind()) {
      case TIMED_OUT -> "HYT00";
      case CANCELLED -> "HY008";
      case KEY_REJECTED -> "28000";
      case NO_RESPONSE -> "08006";
      case API_ERROR -> "HY000";
    };
  }

  private static boolean declaresSqlException(Method method) {
    for (Class<?> declared : method.getExceptionTypes()) {
      if (declared.isAssignableFrom(SQLException.class)) {
        return true;
      }
    }
    return false;
  }
}
