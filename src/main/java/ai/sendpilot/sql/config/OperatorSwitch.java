package ai.sendpilot.sql.config;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every switch by which the JVM's operator lets connect strings (a JDBC URL and its Properties,
 * which someone else may type) reach beyond the API: each a system property
 * {@code sendpilot.<name>} or, when that is not set, an environment variable
 * {@code SENDPILOT_<NAME>}. All are off unless set.
 */
public enum OperatorSwitch {
  ALLOW_FILES_UNDER("allowFilesUnder", Type.DIRECTORIES,
      "directories (separated by the path separator, : on Unix) in which a connect string's"
          + " model file and apiKeyFile may lie, symbolic links resolved"),
  ALLOW_INLINE_MODELS("allowInlineModels", Type.BOOLEAN,
      "true: a connect string may give an inline: model, which may load any class, read any"
          + " file and open connections"),
  ALLOW_CALCITE_EXTENSIONS("allowCalciteExtensions", Type.BOOLEAN,
      "true: a connect string may set the Calcite and Avatica properties that load classes or"
          + " define schemas (schemaFactory, schemaType, schema.*, typeSystem, parserFactory, …)"),
  ALLOW_OPERATOR_KEY_ANYWHERE("allowOperatorKeyAnywhere", Type.BOOLEAN,
      "true: a connect string may send the key from the environment or a key file to any"
          + " baseUrl, and name any environment variable in apiKeyEnv");

  /** How a switch's value is written. */
  public enum Type {
    /** Directories separated by the platform's path separator. */
    DIRECTORIES,
    /** {@code true} or {@code false}. */
    BOOLEAN
  }

  private final String name;
  private final Type type;
  private final String description;

  OperatorSwitch(String name, Type type, String description) {
    this.name = name;
    this.type = type;
    this.description = description;
  }

  /** The system property, e.g. {@code sendpilot.allowInlineModels}. */
  public String systemProperty() {
    return "sendpilot." + name;
  }

  /** The environment variable read when the system property is not set. */
  public String environmentVariable() {
    return "SENDPILOT_" + name.replaceAll("([A-Z])", "_$1").toUpperCase(Locale.ROOT);
  }

  public Type type() {
    return type;
  }

  public String description() {
    return description;
  }

  /** How an operator turns the switch on, for error messages. */
  public String howToAllow() {
    String value = type == Type.BOOLEAN ? "true" : "<directories>";
    return "-D" + systemProperty() + "=" + value + " (or the environment variable "
        + environmentVariable() + "=" + value + ")";
  }

  /** The value set: the system property, else the environment variable; null when neither. */
  public String value(Properties systemProperties, Map<String, String> environment) {
    String fromProperty = systemProperties.getProperty(systemProperty());
    if (fromProperty != null && !fromProperty.isBlank()) {
      return fromProperty.strip();
    }
    String fromEnvironment = environment.get(environmentVariable());
    return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.strip();
  }

  /**
   * Whether a boolean switch is on.
   *
   * @throws IllegalArgumentException naming the switch, when its value is not true or false
   */
  public boolean isOn(Properties systemProperties, Map<String, String> environment) {
    String value = value(systemProperties, environment);
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    String property = systemProperties.getProperty(systemProperty());
    String source = property != null && !property.isBlank()
        ? systemProperty() : environmentVariable();
    throw new IllegalArgumentException("Operator switch " + source
        + " must be true or false, got '" + value + "'");
  }
}
