package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.adapter.SendPilotSchemas;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Opens driver connections that all use one {@link SendPilotSchemas}, and so one page cache and
 * one request budget, where {@link SendPilotDriver} builds a schema per connection: what a
 * server opening a connection per client session needs. Whoever made the schemas decides every
 * SendPilot setting; a connection's properties reach only Calcite, and closing a connection
 * leaves the schemas open.
 */
public final class SharedSchemaConnections {
  private final SendPilotDriver driver = new SendPilotDriver();
  private final SendPilotSchemas schemas;

  public SharedSchemaConnections(SendPilotSchemas schemas) {
    this.schemas = Objects.requireNonNull(schemas, "schemas");
  }

  /**
   * A new connection over the shared schemas, with the driver's Calcite defaults overridden by
   * {@code properties}; SendPilot settings and {@code password} among them are ignored, and
   * {@code user} is only what {@code getUserName} answers.
   */
  public Connection connect(Properties properties) throws SQLException {
    ConnectProperties given = ConnectProperties.split(properties);
    ConnectProperties calciteOnly =
        new ConnectProperties(Map.of(), given.calcite(), given.user());
    return driver.open(calciteOnly, schemas, () -> { });
  }
}
