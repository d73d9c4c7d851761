package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.config.SendPilotProperty;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * How a connection reads SQL and what it answers: PostgreSQL's idiom and results (the default),
 * or Calcite's SQL as the driver spoke it before (README, "Dialect").
 */
enum Dialect {
  /** Babel's parser with PostgreSQL's rewrites, a lenient conformance, PostgreSQL's types. */
  POSTGRESQL,
  /** Calcite's parser, default conformance and the driver's earlier type system. */
  CALCITE;

  /**
   * The dialect a connection's SendPilot settings choose.
   *
   * @throws IllegalArgumentException naming the setting, for another value
   */
  static Dialect of(String value) {
    String name = value == null || value.isBlank()
        ? SendPilotProperty.DIALECT.defaultValue(String.class) : value.strip();
    for (Dialect dialect : values()) {
      if (dialect.name().equalsIgnoreCase(name)) {
        return dialect;
      }
    }
    throw new IllegalArgumentException("Setting " + SendPilotProperty.DIALECT.camelName()
        + " must be postgresql or calcite, got '" + value + "'");
  }

  /** The dialect {@code connection} was opened with. */
  static Dialect of(CalciteConnection connection) {
    return connection.getTypeFactory().getTypeSystem() instanceof PostgresTypeSystem
        ? POSTGRESQL : CALCITE;
  }

  /** {@code properties} with this dialect's Calcite defaults where the connect string set none. */
  ConnectProperties apply(ConnectProperties properties) {
    if (this == CALCITE) {
      return properties.withCalciteDefault(CalciteProperties.TYPE_SYSTEM,
          SendPilotTypeSystem.class.getName());
    }
    return properties
        .withCalciteDefault(CalciteProperties.TYPE_SYSTEM, PostgresTypeSystem.class.getName())
        .withCalciteDefault(CalciteConnectionProperty.PARSER_FACTORY.camelName(),
            PostgresParser.class.getName() + "#FACTORY")
        .withCalciteDefault(CalciteConnectionProperty.CONFORMANCE.camelName(),
            SqlConformanceEnum.LENIENT.name());
  }
}
