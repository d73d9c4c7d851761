package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.adapter.InboxCheck;
import ai.sendpilot.sql.adapter.SendPilotPrepare;
import ai.sendpilot.sql.adapter.SendPilotSchema;
import ai.sendpilot.sql.adapter.SendPilotSchemas;
import ai.sendpilot.sql.adapter.SendPilotSettings;
import ai.sendpilot.sql.config.SendPilotProperty;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.lookup.LikePattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDBC driver for {@code jdbc:sendpilot:}: a Calcite connection with the {@code sendpilot}
 * schema as default and case-insensitive identifiers. SendPilot settings (see
 * {@link SendPilotProperty}) are taken out of the properties, in any case; the rest go to
 * Calcite, but not what a connect string may ask for only with the JVM operator's switches
 * ({@link ConnectStringGuard}), nor values whose names say they are secrets.
 */
public final class SendPilotDriver extends Driver {
  public static final String PREFIX = "jdbc:sendpilot:";

  /** Calcite's cache of compiled query code; off unless set, which makes every query compile. */
  static final String BINDABLE_CACHE_SIZE = "calcite.bindable.cache.maxSize";

  private static final String POSTGRESQL_FUNCTIONS = "postgresql";
  private static final Logger LOG = LoggerFactory.getLogger(SendPilotDriver.class);

  private final Supplier<Properties> systemProperties;
  private final Supplier<Map<String, String>> environment;

  static {
    if (System.getProperty(BINDABLE_CACHE_SIZE) == null) {
      // Read once, when Calcite first plans a query, so it must be set before that.
      System.setProperty(BINDABLE_CACHE_SIZE, "1000");
    }
    new SendPilotDriver().register();
  }

  /** The driver of this JVM: its system properties and environment. */
  public SendPilotDriver() {
    this(System::getProperties, System::getenv);
  }

  /** A driver that sees the given system properties and environment (read at each connect). */
  SendPilotDriver(Supplier<Properties> systemProperties,
      Supplier<Map<String, String>> environment) {
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  @Override protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override protected DriverVersion createDriverVersion() {
    return new DriverVersion("SendPilot SQL driver", "0.1.0", "SendPilot", "v1", true, 0, 1, 1,
        0);
  }

  /** Prepares with the driver's work-arounds for Calcite faults; answers CURRENT_SCHEMA. */
  @Override public CalcitePrepare createPrepare() {
    return new SendPilotPrepare(PostgresConvertlets.INSTANCE);
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Map<String, String> env = environment.get();
    ConnectStringGuard guard = new ConnectStringGuard(switches(env));
    ConnectProperties properties = guard.vet(split(url, info));
    List<String> warnings = new ArrayList<>(UnknownProperties.warnings(properties));
    warnings.forEach(warning -> LOG.warn("{}", warning));
    SendPilotSettings settings = settings(properties.sendPilot(), env);
    guard.checkKeyDestination(settings);
    SendPilotSchemas schemas = schemas(settings);
    Optional<InboxCheck> check;
    try {
      check = check(settings);
    } catch (SQLException | RuntimeException e) {
      schemas.close();
      throw e;
    }
    return open(properties, schemas, check, warnings, schemas::close);
  }

  /**
   * A connection with {@code schemas} under its root and no check of the key; {@code onClose}
   * runs once, when it is closed or when opening it fails.
   */
  Connection open(ConnectProperties properties, SendPilotSchemas schemas, Runnable onClose)
      throws SQLException {
    return open(properties, schemas, Optional.empty(), new ArrayList<>(), onClose);
  }

  private Connection open(ConnectProperties given, SendPilotSchemas schemas,
      Optional<InboxCheck> check, List<String> warnings, Runnable onClose) throws SQLException {
    ConnectProperties properties;
    try {
      properties = Dialect.of(given.sendPilot().get(SendPilotProperty.DIALECT.camelName()))
          .apply(given);
    } catch (IllegalArgumentException e) {
      onClose.run();
      throw cannotConnect(e);
    }
    try {
      Connection connection = connectCalcite(properties);
      try {
        CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
        SchemaPlus root = calcite.getRootSchema();
        root.add(SendPilotSchema.NAME, schemas.sendPilot());
        schemas.companions().forEach((name, schema) -> addCompanion(root, name, schema)
            .ifPresent(warnings::add));
        if (Dialect.of(calcite) == Dialect.POSTGRESQL) {
          PostgresCatalogFunctions.addTo(root);
        }
        if (properties.functionsInclude(POSTGRESQL_FUNCTIONS)) {
          root.add(DateTruncFunction.NAME, DateTruncFunction.INSTANCE);
        }
        calcite.setSchema(SendPilotSchema.NAME);
        Session session = new Session(calcite, properties.user(), check, warnings);
        return SqlErrorTranslator.wrap(calcite, session, onClose);
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
   * The check of the settings' key and host, run now if {@code validateOnConnect}: a wrong key
   * or an unreachable host fails the connection with the error a query would meet.
   */
  private static Optional<InboxCheck> check(SendPilotSettings settings) throws SQLException {
    Optional<InboxCheck> check;
    try {
      check = InboxCheck.of(settings);
    } catch (IllegalArgumentException e) {
      throw cannotConnect(e);
    }
    if (settings.validateOnConnect() && check.isPresent()) {
      try {
        check.get().run();
      } catch (RuntimeException e) {
        throw SqlErrorTranslator.cannotConnect(e);
      }
    }
    return check;
  }

  /**
   * Adds the demo's schema {@code name} beside the user's; when the user's model has a schema
   * of that name already, keeps theirs and says so.
   */
  private static Optional<String> addCompanion(SchemaPlus root, String name, Schema schema) {
    CalciteSchema existing = CalciteSchema.from(root).getSubSchema(name, false);
    if (existing == null) {
      root.add(name, schema);
      return Optional.empty();
    }
    return Optional.of("The model's schema '" + existing.getName() + "' is kept; the demo's "
        + name + " schema (" + String.join(", ", schema.tables().getNames(LikePattern.any()))
        + ") is not added");
  }

  /**
   * The SendPilot settings, each with its description and the value given or its default (never
   * the key's), then Calcite's properties.
   */
  /**
   * The driver's settings and the Calcite properties a connect string may set here, each once
   * with a description, its value and choices ({@link DriverProperties}).
   */
  @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info)
      throws SQLException {
    return DriverProperties.describe(split(acceptsURL(url) ? url : PREFIX, info),
        switches(environment.get()));
  }

  private static ConnectProperties split(String url, Properties info) throws SQLException {
    Properties all = ConnectStringParser.parse(url.substring(PREFIX.length()), info);
    try {
      return ConnectProperties.split(all);
    } catch (IllegalArgumentException e) {
      throw cannotConnect(e);
    }
  }

  private OperatorSwitches switches(Map<String, String> env) throws SQLException {
    try {
      return OperatorSwitches.read(systemProperties.get(), env);
    } catch (IllegalArgumentException e) {
      throw cannotConnect(e);
    }
  }

  /**
   * A Calcite connection; a model's unreadable JSON shows nothing of the file, and a model
   * whose schemas cannot be made fails with an {@link SQLException}.
   */
  private Connection connectCalcite(ConnectProperties properties) throws SQLException {
    try {
      return super.connect(PREFIX, properties.calciteProperties());
    } catch (SQLException | RuntimeException e) {
      throw ModelFailure.withoutContent(e, properties.calcite().get(CalciteProperties.MODEL));
    }
  }

  private static SendPilotSettings settings(Map<String, String> given, Map<String, String> env)
      throws SQLException {
    try {
      return SendPilotSettings.from(given, env);
    } catch (IllegalArgumentException e) {
      throw cannotConnect(e);
    }
  }

  private static SendPilotSchemas schemas(SendPilotSettings settings) throws SQLException {
    try {
      return SendPilotSchemas.create(settings);
    } catch (IllegalArgumentException e) {
      throw cannotConnect(e);
    }
  }

  private static SQLException cannotConnect(IllegalArgumentException e) {
    return new SQLException("Cannot connect to SendPilot: " + e.getMessage(), "08001", e);
  }
}
