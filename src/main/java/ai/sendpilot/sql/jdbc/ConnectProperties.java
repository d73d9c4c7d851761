package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.config.SendPilotProperty;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A connect string's properties split into SendPilot settings and Calcite properties, with the
 * driver's Calcite defaults (case-insensitive identifiers kept as written).
 *
 * @param sendPilot the SendPilot settings by name; a tool's {@code password} field as the key
 * @param calcite every other property but {@code user} and {@code password}
 */
record ConnectProperties(Map<String, String> sendPilot, Map<String, String> calcite) {
  private static final Map<String, String> CALCITE_DEFAULTS = Map.of(
      "caseSensitive", "false",
      "unquotedCasing", "UNCHANGED",
      "quotedCasing", "UNCHANGED");

  ConnectProperties {
    sendPilot = Map.copyOf(sendPilot);
    calcite = Map.copyOf(calcite);
  }

  static ConnectProperties split(Properties all) {
    Map<String, String> sendPilot = new HashMap<>();
    Map<String, String> calcite = new HashMap<>(CALCITE_DEFAULTS);
    for (String name : all.stringPropertyNames()) {
      if (SendPilotProperty.of(name).isPresent()) {
        sendPilot.put(name, all.getProperty(name));
      } else if (!name.equals("user") && !name.equals("password")) {
        calcite.put(name, all.getProperty(name));
      }
    }
    String password = all.getProperty("password");
    if (password != null && !password.isBlank()) {
      // A tool's password field is where users put the key.
      sendPilot.putIfAbsent(SendPilotProperty.API_KEY.camelName(), password);
    }
    return new ConnectProperties(sendPilot, calcite);
  }

  /** The Calcite properties as {@link Properties}, a new copy each time. */
  Properties calciteProperties() {
    Properties properties = new Properties();
    properties.putAll(calcite);
    return properties;
  }
}
