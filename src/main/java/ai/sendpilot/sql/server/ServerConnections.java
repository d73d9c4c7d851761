package ai.sendpilot.sql.server;

import ai.sendpilot.sql.jdbc.SharedSchemaConnections;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.model.ModelHandler;

/**
 * Opens the connection behind each client session: over the server's one SendPilot schema, with
 * the operator's model beside it and only the client properties {@link ClientProperties}
 * allows.
 */
final class ServerConnections {
  private final SharedSchemaConnections shared;
  private final Path model;

  /**
   * Connections over {@code shared}.
   *
   * @param model a Calcite model file loaded into each connection, or null
   */
  ServerConnections(SharedSchemaConnections shared, Path model) {
    this.shared = shared;
    this.model = model;
  }

  /** A connection of {@code user} (its {@code getUserName}) with the allowed properties. */
  Connection open(Map<?, ?> clientProperties, String user) throws SQLException {
    Properties properties = ClientProperties.allowed(clientProperties);
    properties.setProperty("user", user);
    Connection connection = shared.connect(properties);
    if (model == null) {
      return connection;
    }
    try {
      new ModelHandler(connection.unwrap(CalciteConnection.class).getRootSchema(),
          model.toString());
      return connection;
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw new SQLException("Cannot load the model " + model + ": " + e.getMessage(), e);
    }
  }
}
