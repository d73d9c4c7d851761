package ai.sendpilot.sql.server;

import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The connection properties a remote client may choose: only how its SQL is read and its time
 * zone. Everything else (SendPilot settings such as {@code baseUrl} or {@code apiKeyFile},
 * Calcite's {@code model}, {@code schemaFactory} and other class names, {@code user} and
 * {@code password}) is the operator's to decide, and dropped.
 */
final class ClientProperties {
  static final Set<String> ALLOWED = Set.of("caseSensitive", "conformance", "lex", "locale",
      "quotedCasing", "quoting", "timeZone", "unquotedCasing");

  private ClientProperties() {
  }

  /** The allowed properties among {@code given}. */
  static Properties allowed(Map<?, ?> given) {
    Properties allowed = new Properties();
    given.forEach((name, value) -> {
      if (ALLOWED.contains(String.valueOf(name)) && value != null) {
        allowed.setProperty(String.valueOf(name), String.valueOf(value));
      }
    });
    return allowed;
  }
}
