package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.adapter.SendPilotSchema;
import ai.sendpilot.sql.adapter.SendPilotSchemas;
import ai.sendpilot.sql.adapter.SendPilotSettings;
import ai.sendpilot.sql.config.SendPilotProperty;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;

/**
 * JDBC driver for {@code jdbc:sendpilot:}: a Calcite connection with the {@code sendpilot}
 * schema as default and case-insensitive identifiers. SendPilot settings (see
 * {@link SendPilotProperty}) are taken out of the properties; the rest go to Calcite.
 */
public final class SendPilotDriver extends Driver {
  public static final String PREFIX = "jdbc:sendpilot:";

  /** Calcite's cache of compiled query code; off unless set, which makes every query compile. */
  static final String BINDABLE_CACHE_SIZE = "calcite.bindable.cache.maxSize";

  private static final String[] BOOLEAN_CHOICES = {"true", "false"};

  static {
    if (System.getProperty(BINDABLE_CACHE_SIZE) == null) {
      // Read once, when Calcite first plans a query, so it must be set before that.
      System.setProperty(BINDABLE_CACHE_SIZE, "1000");
    }
    new SendPilotDriver().register();
  }

  @Override protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override protected DriverVersion createDriverVersion() {
    return new DriverVersion("SendPilot SQL driver", "0.1.0", "SendPilot", "v1", true, 0, 1, 1,
        0);
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    ConnectProperties properties = split(url, info);
    SendPilotSchemas schemas = schemas(properties.sendPilot());
    return open(properties, schemas, schemas::close);
  }

  /**
   * A connection with {@code schemas} under its root; {@code onClose} runs once, when it is
   * closed or when opening it fails.
   */
  Connection open(ConnectProperties properties, SendPilotSchemas schemas, Runnable onClose)
      throws SQLException {
    try {
      Connection connection = super.connect(PREFIX, properties.calciteProperties());
      try {
        CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
        SchemaPlus root = calcite.getRootSchema();
        root.add(SendPilotSchema.NAME, schemas.sendPilot());
        schemas.companions().forEach(root::add);
        calcite.setSchema(SendPilotSchema.NAME);
        return SqlErrorTranslator.wrap(calcite, onClose);
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      onClose.run();
      throw e;
    }
  }

  /**
   * The SendPilot settings, each with its description and the value given or its default (never
   * the key's), then Calcite's properties.
   */
  @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info)
      throws SQLException {
    ConnectProperties properties = split(acceptsURL(url) ? url : PREFIX, info);
    List<DriverPropertyInfo> infos = new ArrayList<>();
    for (SendPilotProperty property : SendPilotProperty.values()) {
      infos.add(describe(property, properties.sendPilot().get(property.camelName())));
    }
    // Only Calcite's own properties: Avatica echoes every value it is given.
    infos.addAll(Arrays.asList(super.getPropertyInfo(url, properties.calciteProperties())));
    return infos.toArray(new DriverPropertyInfo[0]);
  }

  private static ConnectProperties split(String url, Properties info) throws SQLException {
    return ConnectProperties.split(
        ConnectStringParser.parse(url.substring(PREFIX.length()), info));
  }

  private static DriverPropertyInfo describe(SendPilotProperty property, String given) {
    String value = given != null ? given : property.format(property.defaultValue());
    DriverPropertyInfo info =
        new DriverPropertyInfo(property.camelName(), property.isSecret() ? null : value);
    info.description = property.description();
    info.required = false;
    if (property.type() == SendPilotProperty.Type.BOOLEAN) {
      info.choices = BOOLEAN_CHOICES.clone();
    }
    return info;
  }

  private static SendPilotSchemas schemas(Map<String, String> settings) throws SQLException {
    try {
      return SendPilotSchemas.create(SendPilotSettings.from(settings, System.getenv()));
    } catch (IllegalArgumentException e) {
      throw new SQLException("Cannot connect to SendPilot: " + e.getMessage(), "08001", e);
    }
  }
}
