package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.adapter.SendPilotPrepare;
import ai.sendpilot.sql.adapter.SendPilotSchema;
import ai.sendpilot.sql.adapter.SendPilotSettings;
import ai.sendpilot.sql.client.ApiKey;
import ai.sendpilot.sql.client.SendPilotClient;
import ai.sendpilot.sql.demo.DemoCrmSchema;
import ai.sendpilot.sql.demo.InboxSimulator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.Driver;

/**
 * JDBC driver for {@code jdbc:sendpilot:}: a Calcite connection with the {@code sendpilot}
 * schema as default and case-insensitive identifiers. SendPilot settings (see
 * {@link SendPilotSettings}) are taken out of the properties; the rest go to Calcite.
 */
public final class SendPilotDriver extends Driver {
  public static final String PREFIX = "jdbc:sendpilot:";

  /** Calcite's cache of compiled query code; off unless set, which makes every query compile. */
  static final String BINDABLE_CACHE_SIZE = "calcite.bindable.cache.maxSize";

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

  /** Prepares with the driver's work-arounds for Calcite planner faults. */
  @Override public CalcitePrepare createPrepare() {
    return new SendPilotPrepare();
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties all = ConnectStringParser.parse(url.substring(PREFIX.length()), info);
    Map<String, String> sendPilotProperties = new HashMap<>();
    Properties calciteProperties = new Properties();
    for (String name : all.stringPropertyNames()) {
      if (SendPilotSettings.NAMES.contains(name)) {
        sendPilotProperties.put(name, all.getProperty(name));
      } else if (!name.equals("user") && !name.equals("password")) {
        calciteProperties.setProperty(name, all.getProperty(name));
      }
    }
    String password = all.getProperty("password");
    if (password != null && !password.isBlank()) {
      // A tool's password field is where users put the key.
      sendPilotProperties.putIfAbsent(SendPilotSettings.API_KEY, password);
    }
    calciteProperties.putIfAbsent("caseSensitive", "false");
    calciteProperties.putIfAbsent("unquotedCasing", "UNCHANGED");
    calciteProperties.putIfAbsent("quotedCasing", "UNCHANGED");
    SendPilotSettings settings = SendPilotSettings.from(sendPilotProperties, System.getenv());
    InboxSimulator demo = settings.demo() ? EmbeddedDemo.acquire() : null;
    Runnable onClose = demo == null ? () -> { } : EmbeddedDemo::release;
    try {
      SendPilotClient client = demo == null ? client(settings) : demoClient(settings, demo);
      Connection connection = super.connect(PREFIX, calciteProperties);
      try {
        CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
        calcite.getRootSchema().add(SendPilotSchema.NAME,
            new SendPilotSchema(client, settings.scanOptions()));
        if (demo != null) {
          calcite.getRootSchema().add(DemoCrmSchema.NAME, new DemoCrmSchema());
        }
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

  private static SendPilotClient demoClient(SendPilotSettings settings, InboxSimulator demo) {
    return new SendPilotClient(settings.clientConfigBuilder()
        .baseUrl(demo.baseUrl())
        .apiKey(ApiKey.of(demo.apiKey()))
        .build());
  }

  private static SendPilotClient client(SendPilotSettings settings) throws SQLException {
    try {
      return new SendPilotClient(settings.clientConfig());
    } catch (IllegalArgumentException e) {
      throw new SQLException("Cannot connect to SendPilot: " + e.getMessage(), "08001", e);
    }
  }
}
