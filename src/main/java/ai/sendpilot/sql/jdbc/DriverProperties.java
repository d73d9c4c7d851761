package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.config.SendPilotProperty;
import java.sql.DriverPropertyInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.ConnectionProperty;
import org.apache.calcite.config.CalciteConnectionProperty;

/**
 * What {@link SendPilotDriver#getPropertyInfo} lists for tools' connection forms: every
 * SendPilot setting, then the Calcite properties a connect string may set without an operator's
 * switch (how SQL is read, the session's zone and schema; {@code model} only when the operator
 * allows model files or inline models), each once under its one name, with a description, its
 * value (given, else the default) and its choices.
 */
final class DriverProperties {
  private static final String[] BOOLEAN_CHOICES = {"true", "false"};

  /** The Calcite properties listed, in the order listed, with their descriptions. */
  private static final Map<CalciteConnectionProperty, String> CALCITE = calciteProperties();

  private DriverProperties() {
  }

  private static Map<CalciteConnectionProperty, String> calciteProperties() {
    Map<CalciteConnectionProperty, String> p = new LinkedHashMap<>();
    p.put(CalciteConnectionProperty.LEX, "Calcite's lexical policy: quoting, casing and"
        + " case-sensitivity of identifiers as in Oracle, MySQL, SQL Server, Java, BigQuery;"
        + " quoting, quotedCasing, unquotedCasing and caseSensitive override its parts");
    p.put(CalciteConnectionProperty.FUN, "SQL function libraries, separated by commas, e.g."
        + " standard,postgresql or standard,mysql; DATE_TRUNC comes with postgresql");
    p.put(CalciteConnectionProperty.CONFORMANCE, "which SQL conformance level Calcite's"
        + " parser and validator follow");
    p.put(CalciteConnectionProperty.CASE_SENSITIVE, "whether identifiers match only in the"
        + " case they are written in");
    p.put(CalciteConnectionProperty.QUOTING, "how identifiers are quoted; unset: as lex says"
        + " (double quotes)");
    p.put(CalciteConnectionProperty.QUOTED_CASING, "how quoted identifiers are stored");
    p.put(CalciteConnectionProperty.UNQUOTED_CASING, "how unquoted identifiers are stored");
    p.put(CalciteConnectionProperty.TIME_ZONE, "the session's time zone, for CURRENT_TIMESTAMP"
        + " and conversions (the inbox's timestamps are UTC wall clock)");
    p.put(CalciteConnectionProperty.LOCALE, "the session's locale, e.g. en_US; empty: the"
        + " JVM's");
    p.put(CalciteConnectionProperty.SCHEMA, "the schema unqualified names are looked up in;"
        + " the driver's is sendpilot");
    p.put(CalciteConnectionProperty.DEFAULT_NULL_COLLATION, "where NULLs sort when ORDER BY"
        + " does not say");
    p.put(CalciteConnectionProperty.NULL_EQUAL_TO_EMPTY, "whether an empty string equals NULL"
        + " (Oracle-style), in function libraries that care");
    p.put(CalciteConnectionProperty.TYPE_COERCION, "whether operands of different types are"
        + " converted implicitly");
    p.put(CalciteConnectionProperty.LENIENT_OPERATOR_LOOKUP, "whether an unknown function is"
        + " looked up leniently instead of failing validation");
    p.put(CalciteConnectionProperty.APPROXIMATE_DISTINCT_COUNT, "whether COUNT(DISTINCT) may"
        + " be answered approximately");
    p.put(CalciteConnectionProperty.APPROXIMATE_TOP_N, "whether a top-N query may be answered"
        + " approximately");
    p.put(CalciteConnectionProperty.APPROXIMATE_DECIMAL, "whether aggregates of DECIMAL values"
        + " may be approximate");
    p.put(CalciteConnectionProperty.FORCE_DECORRELATE, "whether correlated sub-queries are"
        + " always decorrelated");
    p.put(CalciteConnectionProperty.MODEL, "a Calcite model file (a JSON path, or inline:{...})"
        + " whose schemas, such as your CRM, sit beside sendpilot");
    return p;
  }

  /** The properties, with the values {@code given} holds (the driver's defaults applied). */
  static DriverPropertyInfo[] describe(ConnectProperties given, OperatorSwitches switches) {
    List<DriverPropertyInfo> infos = new ArrayList<>();
    for (SendPilotProperty property : SendPilotProperty.values()) {
      infos.add(describe(property, given.sendPilot().get(property.camelName())));
    }
    CALCITE.forEach((property, description) -> {
      if (property != CalciteConnectionProperty.MODEL || allowsModels(switches)) {
        infos.add(describe(property, description, given.calcite().get(property.camelName())));
      }
    });
    return infos.toArray(new DriverPropertyInfo[0]);
  }

  /** Whether a connect string may name a model: in an allowed directory, or inline. */
  private static boolean allowsModels(OperatorSwitches switches) {
    return switches.inlineModels() || !switches.filesUnder().realPaths().isEmpty();
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

  private static DriverPropertyInfo describe(CalciteConnectionProperty property,
      String description, String given) {
    Object defaultValue = property.defaultValue();
    String value = given != null ? given
        : defaultValue == null ? null : defaultValue.toString();
    DriverPropertyInfo info = new DriverPropertyInfo(property.camelName(), value);
    info.description = description;
    info.required = false;
    if (property.type() == ConnectionProperty.Type.BOOLEAN) {
      info.choices = BOOLEAN_CHOICES.clone();
    } else if (property.type() == ConnectionProperty.Type.ENUM) {
      info.choices = Arrays.stream(property.valueClass().getEnumConstants())
          .map(constant -> ((Enum<?>) constant).name()).toArray(String[]::new);
    }
    return info;
  }
}
