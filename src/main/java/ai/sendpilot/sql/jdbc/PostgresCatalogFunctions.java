package ai.sendpilot.sql.jdbc;

import java.util.Locale;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * PostgreSQL's session information functions tools call: {@code current_database()},
 * {@code version()} (which SQLAlchemy reads as {@code PostgreSQL X.Y}) and
 * {@code current_setting(name)} (the settings' defaults, {@link SessionStatements#DEFAULTS}).
 */
public final class PostgresCatalogFunctions {
  /** The PostgreSQL version the driver's SQL follows. */
  static final String SERVER_VERSION = "15.0";
  static final String SERVER_VERSION_NUM = "150000";
  static final String DATABASE = "sendpilot";

  private PostgresCatalogFunctions() {
  }

  /** Adds the functions to {@code root}. */
  static void addTo(SchemaPlus root) {
    root.add("CURRENT_DATABASE",
        ScalarFunctionImpl.create(PostgresCatalogFunctions.class, "currentDatabase"));
    root.add("VERSION", ScalarFunctionImpl.create(PostgresCatalogFunctions.class, "version"));
    root.add("CURRENT_SETTING",
        ScalarFunctionImpl.create(PostgresCatalogFunctions.class, "currentSetting"));
  }

  public static String currentDatabase() {
    return DATABASE;
  }

  public static String version() {
    return "PostgreSQL " + SERVER_VERSION + " (SendPilot SQL driver, Apache Calcite)";
  }

  /** A setting's default value; null for one the driver does not know. */
  @Strict public static String currentSetting(String name) {
    return SessionStatements.DEFAULTS.get(name.strip().toLowerCase(Locale.ROOT));
  }
}
