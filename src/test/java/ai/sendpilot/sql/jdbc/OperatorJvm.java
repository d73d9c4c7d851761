package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A JVM as its operator set it up: system properties (the operator's switches) and environment
 * variables, seen by a driver of its own.
 */
final class OperatorJvm {
  private final Properties systemProperties = new Properties();
  private final Map<String, String> environment = new HashMap<>();

  /** Sets a system property, as {@code -Dname=value} does. */
  OperatorJvm property(String name, String value) {
    systemProperties.setProperty(name, value);
    return this;
  }

  /** Sets an environment variable. */
  OperatorJvm env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  SendPilotDriver driver() {
    return new SendPilotDriver(() -> systemProperties, () -> Map.copyOf(environment));
  }

  Connection connect(String url) throws SQLException {
    return connect(url, new Properties());
  }

  Connection connect(String url, Properties info) throws SQLException {
    return driver().connect(url, info);
  }

  /** The failure of connecting to {@code url}; fails when it connects. */
  SQLException failure(String url) {
    return assertThrows(SQLException.class, () -> connect(url).close(), url);
  }
}
