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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Wraps a connection and everything it hands out so that a failure while rows are being read
 * (a later page's HTTP error, a cancelled scan) reaches the caller as an {@link SQLException}
 * with a meaningful SQLState, as JDBC promises, rather than as an unchecked exception out of
 * {@code ResultSet.next()}, and a statement Calcite cannot prepare fails with one line
 * ({@link SqlErrors}). Statements and result sets lead back to the wrapped connection. Calls
 * the driver answers itself ({@link OwnCalls}) are answered before Calcite's objects see them.
 * Closing a statement, or its connection, from any thread first raises the statement's cancel
 * flag, so that a query still running stops as on {@code Statement.cancel()}: Calcite's own
 * close waits for nothing and stops nothing.
 */
final class SqlErrorTranslator implements InvocationHandler {
  private static final List<Class<?>> WRAPPED = List.of(Connection.class, Statement.class,
      PreparedStatement.class, CallableStatement.class, ResultSet.class, DatabaseMetaData.class,
      ResultSetMetaData.class);

  /** PostgreSQL's query_canceled, its SQLState for a statement timeout. */
  private static final String QUERY_CANCELED = "57014";
  /** What Avatica's {@code ResultSet.next()} says when the cancel flag is up between rows. */
  private static final String AVATICA_CANCELLED = "Statement canceled";

  private final Object target;
  private final Session session;
  private final OwnCalls own;
  private final Runnable onClose;
  private final Object connection;
  private final Object statement;
  /** The cancel flags of the connection's open statements (of this one, for a statement). */
  private final Set<AtomicBoolean> openStatements;
  /** This statement's cancel flag, or null. */
  private final AtomicBoolean cancelFlag;
  private boolean closed;

  /**
   * A handler.
   *
   * @param target the wrapped object
   * @param session the session of the connection the object belongs to
   * @param onClose runs once, when the wrapped object is first closed
   * @param connection the connection proxy the object came from (null: it is the connection)
   * @param statement the statement proxy a result set came from, or null
   * @param openStatements the cancel flags of the connection's open statements
   * @param cancelFlag the statement's cancel flag, or null when the object is no statement
   */
  private SqlErrorTranslator(Object target, Session session, Runnable onClose, Object connection,
      Object statement, Set<AtomicBoolean> openStatements, AtomicBoolean cancelFlag) {
    this.target = target;
    this.openStatements = openStatements;
    this.cancelFlag = cancelFlag;
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
        new SqlErrorTranslator(connection, session, onClose, null, null,
            ConcurrentHashMap.newKeySet(), null));
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
    if (name.equals("close") && arity == 0) {
      stopRunningQueries();
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
    AtomicBoolean childFlag = connection == null && child instanceof Statement
        ? cancelFlagOf(child) : null;
    Runnable childClosed = () -> { };
    if (childFlag != null) {
      openStatements.add(childFlag);
      childClosed = () -> openStatements.remove(childFlag);
    }
    return Proxy.newProxyInstance(SqlErrorTranslator.class.getClassLoader(),
        interfaces.toArray(new Class<?>[0]),
        new SqlErrorTranslator(child, session, childClosed, parentConnection, parentStatement,
            openStatements, childFlag));
  }

  /** The flag that cancels {@code statement}'s query (Calcite's, in its DataContext), or null. */
  private AtomicBoolean cancelFlagOf(Object statement) {
    if (!(statement instanceof AvaticaStatement) || !(target instanceof AvaticaConnection)) {
      return null;
    }
    try {
      return ((AvaticaConnection) target).getCancelFlag(((AvaticaStatement) statement).handle);
    } catch (NoSuchStatementException e) {
      return null;
    }
  }

  /**
   * Raises the cancel flag of this statement, or of every open statement of this connection:
   * a query still running in another thread then stops at its next check (its in-flight
   * request cancelled), before Calcite's close, which may wait for that thread, runs.
   */
  private void stopRunningQueries() {
    if (cancelFlag != null) {
      cancelFlag.set(true);
    } else if (connection == null) {
      openStatements.forEach(flag -> flag.set(true));
    }
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
      return new SQLTimeoutException(message, QUERY_CANCELED, cause);
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
    if (failure == null && AVATICA_CANCELLED.equals(e.getMessage())) {
      return new SQLException("The query was cancelled (Statement.cancel, or its statement or"
          + " connection was closed).", "HY008", e);
    }
    SQLException stated = failure == null ? withState(e.getCause()) : null;
    if (stated != null) {
      // A cause that states its own SQLState, wrapped by Calcite without one: a value the scan
      // refused (22023), the planning budget (54001).
      return new SQLException(stated.getMessage(), stated.getSQLState(), e);
    }
    if (failure == null) {
      return SqlErrors.describe(e);
    }
    if (failure.kind() == Kind.TIMED_OUT) {
      return new SQLTimeoutException(e.getMessage(), QUERY_CANCELED, e);
    }
    return new SQLException(e.getMessage(), sqlState(failure), e);
  }

  /**
   * {@code 28000} for a rejected key, {@code 08006} when no response arrived, {@code HY008} for
   * a cancelled query, {@code 57014} (PostgreSQL's query_canceled, which it also gives for a
   * statement timeout) for a timed-out one, {@code 53200} for a query past its memory budget,
   * {@code HY000} for other API failures; null when SendPilot is not the cause.
   */
  private static String sqlState(SendPilotFailure failure) {
    if (failure == null) {
      return null;
    }
    return switch (failure.kind()) {
      case TIMED_OUT -> QUERY_CANCELED;
      case CANCELLED -> "HY008";
      case MEMORY_BUDGET -> "53200";
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
