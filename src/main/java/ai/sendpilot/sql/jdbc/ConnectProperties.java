package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.config.SendPilotProperty;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * A connect string's properties split into SendPilot settings and Calcite properties, each under
 * its canonical name whatever the case it was given in, with the driver's Calcite defaults
 * (case-insensitive identifiers kept as written, PostgreSQL's functions beside the standard
 * ones).
 *
 * @param sendPilot the SendPilot settings by name; a tool's {@code password} field as the key
 * @param calcite every other property but {@code user} and {@code password}
 * @param user the JDBC user, or null
 */
record ConnectProperties(Map<String, String> sendPilot, Map<String, String> calcite,
    String user) {
  /** The function libraries unless the connect string names others: see README "Dialect". */
  static final String DEFAULT_FUNCTIONS = "standard,postgresql";

  private static final Map<String, String> CALCITE_DEFAULTS = Map.of(
      "caseSensitive", "false",
      "unquotedCasing", "UNCHANGED",
      "quotedCasing", "UNCHANGED",
      "fun", DEFAULT_FUNCTIONS);
  private static final String USER = "user";
  private static final String PASSWORD = "password";

  /** Parts of the names of properties whose values are secrets, kept from Calcite. */
  private static final List<String> SECRET_NAME_PARTS =
      List.of("key", "secret", "password", "passwd", "token", "credential");

  ConnectProperties {
    sendPilot = Map.copyOf(sendPilot);
    calcite = Map.copyOf(calcite);
  }

  /**
   * The properties of {@code all}, by canonical name.
   *
   * @throws IllegalArgumentException when a property is given twice, in different cases
   */
  static ConnectProperties split(Properties all) {
    Map<String, String> sendPilot = new HashMap<>();
    Map<String, String> calcite = new HashMap<>();
    Map<String, String> givenAs = new HashMap<>();
    String password = null;
    String user = null;
    for (String name : new TreeSet<>(all.stringPropertyNames())) {
      String value = all.getProperty(name);
      Optional<SendPilotProperty> setting = SendPilotProperty.of(name);
      String canonical = setting.map(SendPilotProperty::camelName).orElseGet(() -> canonical(name));
      String earlier = givenAs.put(canonical, name);
      if (earlier != null) {
        throw new IllegalArgumentException("Property " + canonical + " is given twice, as "
            + earlier + " and as " + name);
      }
      if (setting.isPresent()) {
        sendPilot.put(canonical, value);
      } else if (canonical.equals(PASSWORD)) {
        password = value;
      } else if (canonical.equals(USER)) {
        user = value;
      } else {
        calcite.put(canonical, value);
      }
    }
    CALCITE_DEFAULTS.forEach(calcite::putIfAbsent);
    if (password != null && !password.isBlank()) {
      // A tool's password field is where users put the key.
      sendPilot.putIfAbsent(SendPilotProperty.API_KEY.camelName(), password);
    }
    return new ConnectProperties(sendPilot, calcite, user);
  }

  private static String canonical(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals(USER) || lower.equals(PASSWORD) ? lower : CalciteProperties.canonical(name);
  }

  /** These properties with the SendPilot setting {@code name} set to {@code value}. */
  ConnectProperties withSendPilot(String name, String value) {
    Map<String, String> settings = new HashMap<>(sendPilot);
    settings.put(name, value);
    return new ConnectProperties(settings, calcite, user);
  }

  /** These properties with the Calcite property {@code name} set to {@code value}. */
  ConnectProperties withCalcite(String name, String value) {
    Map<String, String> properties = new HashMap<>(calcite);
    properties.put(name, value);
    return new ConnectProperties(sendPilot, properties, user);
  }

  /** These properties with the Calcite property {@code name} set to {@code value} if unset. */
  ConnectProperties withCalciteDefault(String name, String value) {
    return calcite.containsKey(name) ? this : withCalcite(name, value);
  }

  /** Whether the function libraries Calcite will load include {@code library}. */
  boolean functionsInclude(String library) {
    for (String name : calcite.getOrDefault("fun", "").split(",")) {
      if (name.strip().equalsIgnoreCase(library)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The Calcite properties as {@link Properties}, a new copy each time, without those whose
   * name says they hold a secret ({@code …Key…}, {@code …Token…}, …): Calcite keeps them where
   * anyone with the connection can read them. Operands of a {@code schemaFactory} schema stay,
   * as Calcite reads them from there.
   */
  Properties calciteProperties() {
    Properties properties = new Properties();
    calcite.forEach((name, value) -> {
      if (!isSecretName(name) || CalciteProperties.isSchemaOperand(name)) {
        properties.setProperty(name, value);
      }
    });
    return properties;
  }

  private static boolean isSecretName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SECRET_NAME_PARTS.stream().anyMatch(lower::contains);
  }
}
