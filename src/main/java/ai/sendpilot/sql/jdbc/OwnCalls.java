package ai.sendpilot.sql.jdbc;

import java.lang.reflect.Method;
import java.sql.SQLException;

/** JDBC calls the driver answers itself instead of passing them to Calcite's object. */
interface OwnCalls {
  /** The answer of a call left to Calcite's object. */
  Object PASS = new Object();

  /** Calls nobody answers but Calcite. */
  OwnCalls NONE = (method, args) -> PASS;

  /**
   * The answer to {@code method} with {@code args} (null when it has none), or {@link #PASS}.
   *
   * @throws SQLException as the JDBC method would
   */
  Object call(Method method, Object[] args) throws SQLException;
}
