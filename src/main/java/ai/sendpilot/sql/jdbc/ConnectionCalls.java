package ai.sendpilot.sql.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * The connection calls pools, Spring and BI tools make around their queries, answered as a
 * read-only source without transactions answers them: commit and rollback do nothing, the
 * connection is read-only at isolation NONE whatever is asked, client info is kept, a schema
 * must exist, {@code isValid} asks the key's check, and writes are refused before planning.
 */
final class ConnectionCalls implements OwnCalls {
  /** SQLState 3F000: invalid schema name. */
  static final String NO_SUCH_SCHEMA = "3F000";

  private final CalciteConnection target;
  private final Session session;

  ConnectionCalls(CalciteConnection target, Session session) {
    this.target = target;
    this.session = session;
  }

  @Override public Object call(Method method, Object[] args) throws SQLException {
    Object[] a = args == null ? new Object[0] : args;
    switch (method.getName() + "/" + a.length) {
      case "commit/0", "rollback/0", "setReadOnly/1", "setTransactionIsolation/1" -> {
        checkOpen();
        return null;
      }
      case "getAutoCommit/0" -> {
        checkOpen();
        return session.autoCommit();
      }
      case "setAutoCommit/1" -> {
        checkOpen();
        session.autoCommit((Boolean) a[0]);
        return null;
      }
      case "isReadOnly/0" -> {
        checkOpen();
        return true;
      }
      case "getTransactionIsolation/0" -> {
        checkOpen();
        return Connection.TRANSACTION_NONE;
      }
      case "setClientInfo/2" -> {
        session.clientInfo((String) a[0], (String) a[1]);
        return null;
      }
      case "setClientInfo/1" -> {
        Properties given = (Properties) a[0];
        for (String name : given.stringPropertyNames()) {
          session.clientInfo(name, given.getProperty(name));
        }
        return null;
      }
      case "getClientInfo/0" -> {
        return session.clientInfo();
      }
      case "getClientInfo/1" -> {
        return session.clientInfo().getProperty((String) a[0]);
      }
      case "setSchema/1" -> {
        checkOpen();
        target.setSchema(existingSchema((String) a[0]));
        return null;
      }
      case "isValid/1" -> {
        return isValid((Integer) a[0]);
      }
      case "getWarnings/0" -> {
        checkOpen();
        return session.warnings();
      }
      case "clearWarnings/0" -> {
        checkOpen();
        session.clearWarnings();
        return null;
      }
      case "prepareStatement/1", "prepareStatement/2", "prepareStatement/3",
          "prepareStatement/4", "prepareCall/1", "prepareCall/3", "prepareCall/4" -> {
        ReadOnlySql.check((String) a[0]);
        return PASS;
      }
      default -> {
        return PASS;
      }
    }
  }

  private void checkOpen() throws SQLException {
    if (target.isClosed()) {
      throw new SQLException("Connection is closed", "08003");
    }
  }

  /** The name of the schema called {@code name}, in any case unless case-sensitive. */
  private String existingSchema(String name) throws SQLException {
    Map<String, CalciteSchema> schemas =
        CalciteSchema.from(target.getRootSchema()).getSubSchemaMap();
    boolean caseSensitive = target.config().caseSensitive();
    for (String schema : schemas.keySet()) {
      if (caseSensitive ? schema.equals(name) : schema.equalsIgnoreCase(name)) {
        return schema;
      }
    }
    throw new SQLException("Schema '" + name + "' does not exist; the schemas are "
        + schemas.keySet().stream().collect(Collectors.joining(", ")), NO_SUCH_SCHEMA);
  }

  private boolean isValid(int timeoutSeconds) throws SQLException {
    if (timeoutSeconds < 0) {
      throw new SQLException("isValid timeout must not be negative, got " + timeoutSeconds,
          "HY024");
    }
    if (target.isClosed()) {
      return false;
    }
    return session.check().map(check -> check.passes(Duration.ofSeconds(timeoutSeconds)))
        .orElse(true);
  }
}
