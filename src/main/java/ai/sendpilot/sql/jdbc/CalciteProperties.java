package ai.sendpilot.sql.jdbc;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectionProperty;
import org.apache.calcite.config.CalciteConnectionProperty;

/**
 * Calcite's and Avatica's connection properties by name, matched as Calcite matches them (in
 * any case, camel or upper snake: {@code schemaFactory}, {@code SCHEMAFACTORY},
 * {@code SCHEMA_FACTORY}), and which of them are extensions: they load classes, define schemas
 * or configure Avatica's remote client, which this embedded driver does not use.
 */
final class CalciteProperties {
  /** Prefix of the operands Calcite gives the {@code schemaFactory}/{@code schemaType} schema. */
  static final String SCHEMA_OPERAND_PREFIX = "schema.";
  static final String MODEL = CalciteConnectionProperty.MODEL.camelName();
  static final String TYPE_SYSTEM = CalciteConnectionProperty.TYPE_SYSTEM.camelName();

  /** Canonical (camel) names by upper-cased camel name and by enum constant name. */
  private static final Map<String, String> CANONICAL = canonicalNames();
  private static final Set<String> EXTENSIONS = extensions();

  private CalciteProperties() {
  }

  private static Map<String, String> canonicalNames() {
    Map<String, String> names = new HashMap<>();
    for (CalciteConnectionProperty p : CalciteConnectionProperty.values()) {
      addNames(names, p.name(), p);
    }
    for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
      addNames(names, p.name(), p);
    }
    return Map.copyOf(names);
  }

  private static void addNames(Map<String, String> names, String constant, ConnectionProperty p) {
    names.put(p.camelName().toUpperCase(Locale.ROOT), p.camelName());
    names.put(constant, p.camelName());
  }

  /**
   * Calcite's properties that name a class, {@code schemaType}, and Avatica's remote-client
   * properties but those Calcite shares ({@code schema}, {@code timeZone}).
   */
  private static Set<String> extensions() {
    Set<String> calcite = new HashSet<>();
    Set<String> extensions = new HashSet<>();
    for (CalciteConnectionProperty p : CalciteConnectionProperty.values()) {
      calcite.add(p.camelName());
      if (p.type() == ConnectionProperty.Type.PLUGIN
          || p == CalciteConnectionProperty.SCHEMA_TYPE) {
        extensions.add(p.camelName());
      }
    }
    for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
      if (!calcite.contains(p.camelName())) {
        extensions.add(p.camelName());
      }
    }
    return Set.copyOf(extensions);
  }

  /** The camel name of the property Calcite reads {@code name} as; {@code name} if none. */
  static String canonical(String name) {
    return CANONICAL.getOrDefault(name.toUpperCase(Locale.ROOT), name);
  }

  /** Whether Calcite or Avatica reads {@code name} (canonical), or it is a schema operand. */
  static boolean isKnown(String name) {
    return CANONICAL.containsValue(name) || isSchemaOperand(name);
  }

  /** The canonical names of Calcite's and Avatica's properties. */
  static Set<String> names() {
    return Set.copyOf(CANONICAL.values());
  }

  /** Whether {@code name} (canonical) needs the operator's {@code allowCalciteExtensions}. */
  static boolean isExtension(String name) {
    return EXTENSIONS.contains(name) || isSchemaOperand(name);
  }

  /** Whether {@code name} is an operand of the schema that {@code schemaFactory} makes. */
  static boolean isSchemaOperand(String name) {
    return name.regionMatches(true, 0, SCHEMA_OPERAND_PREFIX, 0, SCHEMA_OPERAND_PREFIX.length());
  }
}
