package ai.sendpilot.sql.server;

import ai.sendpilot.sql.jdbc.SharedSchemaConnections;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
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

  Connection open(Map<?, ?> clientProperties) throws SQLException {
    Connection connection = shared.connect(ClientProperties.allowed(clientProperties));
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
