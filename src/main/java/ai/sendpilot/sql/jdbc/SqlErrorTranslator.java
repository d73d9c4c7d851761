package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.client.SendPilotApiException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Wraps a connection so that a failure while rows are being read (a later page's HTTP error,
 * a cancelled scan) reaches the caller as an {@link SQLException}, as JDBC promises, rather
 * than as an unchecked exception out of {@code ResultSet.next()}.
 */
final class SqlErrorTranslator implements InvocationHandler {
  private static final Set<Class<?>> WRAPPED = Set.of(Connection.class, Statement.class,
      PreparedStatement.class, CallableStatement.class, ResultSet.class, DatabaseMetaData.class);

  private final Object target;
  private final Runnable onClose;
  private boolean closed;

  private SqlErrorTranslator(Object target, Runnable onClose) {
    this.target = target;
    this.onClose = onClose;
  }

  /** Wraps {@code connection}; {@code onClose} runs once, when it is first closed. */
  static Connection wrap(CalciteConnection connection, Runnable onClose) {
    return (Connection) Proxy.newProxyInstance(SqlErrorTranslator.class.getClassLoader(),
        new Class<?>[] {CalciteConnection.class}, new SqlErrorTranslator(connection, onClose));
  }

  private static Object proxy(Object target, Set<Class<?>> interfaces) {
    return Proxy.newProxyInstance(SqlErrorTranslator.class.getClassLoader(),
        interfaces.toArray(new Class<?>[0]), new SqlErrorTranslator(target, () -> { }));
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("unwrap") && args != null && args.length == 1
        && ((Class<?>) args[0]).isInstance(proxy)
        && !((Class<?>) args[0]).isInstance(target)) {
      return proxy;
    }
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw translate(method, e.getCause());
    } finally {
      if (method.getName().equals("close") && method.getParameterCount() == 0) {
        runOnCloseOnce();
      }
    }
    Class<?> type = method.getReturnType();
    if (result != null && WRAPPED.contains(type)) {
      Set<Class<?>> interfaces = new LinkedHashSet<>();
      interfaces.add(type);
      for (Class<?> i : WRAPPED) {
        if (i.isInstance(result) && type.isAssignableFrom(i)) {
          interfaces.add(i);
        }
      }
      return proxy(result, interfaces);
    }
    return result;
  }

  private synchronized void runOnCloseOnce() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }

  private static Throwable translate(Method method, Throwable cause) {
    if (cause instanceof SQLException || !(cause instanceof RuntimeException)) {
      return cause;
    }
    boolean declaresSqlException = false;
    for (Class<?> declared : method.getExceptionTypes()) {
      declaresSqlException |= declared.isAssignableFrom(SQLException.class);
    }
    if (!declaresSqlException) {
      return cause;
    }
    return new SQLException("Error while reading rows: " + rootMessage(cause),
        cause instanceof SendPilotApiException ? "08006" : null, cause);
  }

  private static String rootMessage(Throwable t) {
    Throwable current = t;
    while (current != null) {
      if (current instanceof SendPilotApiException) {
        return current.getMessage();
      }
      current = current.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
