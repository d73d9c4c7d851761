package ai.sendpilot.sql.jdbc;

import static ai.sendpilot.sql.config.OperatorSwitch.ALLOW_CALCITE_EXTENSIONS;
import static ai.sendpilot.sql.config.OperatorSwitch.ALLOW_FILES_UNDER;
import static ai.sendpilot.sql.config.OperatorSwitch.ALLOW_INLINE_MODELS;
import static ai.sendpilot.sql.config.OperatorSwitch.ALLOW_OPERATOR_KEY_ANYWHERE;
import static ai.sendpilot.sql.config.SendPilotProperty.API_KEY;
import static ai.sendpilot.sql.config.SendPilotProperty.API_KEY_ENV;
import static ai.sendpilot.sql.config.SendPilotProperty.API_KEY_FILE;
import static ai.sendpilot.sql.config.SendPilotProperty.BASE_URL;

import ai.sendpilot.sql.adapter.SendPilotSettings;
import ai.sendpilot.sql.adapter.SendPilotSettings.KeySource;
import ai.sendpilot.sql.config.SendPilotProperty;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a connect string (URL and Properties, which someone other than the JVM's operator may
 * type) may ask for: nothing that loads a class, reads a file, defines a schema or sends the
 * operator's key elsewhere, unless the operator's switches allow it. Refusals are
 * {@link SQLException}s with SQLState {@value #REFUSED} (access rule violation) that name the
 * property and the switch, and never tell whether a file exists.
 */
final class ConnectStringGuard {
  /** SQLState of a refusal: syntax error or access rule violation. */
  static final String REFUSED = "42000";
  /** The prefix of the environment variables a connect string may read the key from. */
  static final String KEY_VARIABLE_PREFIX = "SENDPILOT_";
  private static final String INLINE_MODEL_PREFIX = "inline:";

  private final OperatorSwitches switches;

  ConnectStringGuard(OperatorSwitches switches) {
    this.switches = switches;
  }

  /**
   * {@code properties} as the connection may use them, files named by their real paths.
   *
   * @throws SQLException with SQLState {@value #REFUSED} when they ask for what the operator
   *     did not allow
   */
  ConnectProperties vet(ConnectProperties properties) throws SQLException {
    List<String> extensions = properties.calcite().keySet().stream()
        .filter(CalciteProperties::isExtension)
        .sorted(Comparator.comparing(CalciteProperties::isSchemaOperand)
            .thenComparing(Comparator.naturalOrder()))
        .collect(Collectors.toList());
    if (!extensions.isEmpty() && !switches.calciteExtensions()) {
      throw refused(extensions, "connect-string properties that load classes or define schemas"
          + " need " + ALLOW_CALCITE_EXTENSIONS.howToAllow() + " from the JVM's operator");
    }
    ConnectProperties vetted = properties;
    String model = properties.calcite().get(CalciteProperties.MODEL);
    if (model != null && model.startsWith(INLINE_MODEL_PREFIX)) {
      if (!switches.inlineModels()) {
        throw refused(CalciteProperties.MODEL, "a connect string may give an inline model only"
            + " when the JVM's operator allows it with " + ALLOW_INLINE_MODELS.howToAllow());
      }
    } else if (model != null) {
      vetted = vetted.withCalcite(CalciteProperties.MODEL,
          allowedFile(CalciteProperties.MODEL, "model file", model).toString());
    }
    String keyFile = setting(properties, API_KEY_FILE);
    if (keyFile != null) {
      vetted = vetted.withSendPilot(API_KEY_FILE.camelName(),
          allowedFile(API_KEY_FILE.camelName(), "key file", keyFile).toString());
    }
    String keyVariable = setting(properties, API_KEY_ENV);
    if (keyVariable != null && !keyVariable.startsWith(KEY_VARIABLE_PREFIX)
        && !switches.operatorKeyAnywhere()) {
      throw refused(API_KEY_ENV.camelName(), "a connect string may read the key only from an"
          + " environment variable whose name starts with " + KEY_VARIABLE_PREFIX
          + "; the JVM's operator allows any with " + ALLOW_OPERATOR_KEY_ANYWHERE.howToAllow());
    }
    return vetted;
  }

  /**
   * Checks that the key the operator provides (environment or key file) goes only to the hosts
   * the operator chose; a key given in the connect string may go where it says.
   *
   * @throws SQLException with SQLState {@value #REFUSED} when it would go elsewhere
   */
  void checkKeyDestination(SendPilotSettings settings) throws SQLException {
    KeySource source = settings.keySource();
    if (settings.demo() || switches.operatorKeyAnywhere()
        || (source != KeySource.FILE && source != KeySource.ENVIRONMENT)
        || !settings.baseUrlLeavesOperatorHosts()) {
      return;
    }
    String key = source == KeySource.FILE ? API_KEY_FILE.camelName()
        : "the environment variable " + settings.keyEnvironmentVariable();
    throw refused(BASE_URL.camelName(), "the API key from " + key + " goes only to "
        + BASE_URL.defaultValue() + " or to " + BASE_URL.environmentVariable() + ". Give the key"
        + " in the connect string (" + API_KEY.camelName() + " or password) to use another host,"
        + " or the JVM's operator allows it with " + ALLOW_OPERATOR_KEY_ANYWHERE.howToAllow());
  }

  /** A text setting's value as the settings read it (stripped; null when blank). */
  private static String setting(ConnectProperties properties, SendPilotProperty property) {
    return (String) property.parse(properties.sendPilot().get(property.camelName()));
  }

  /** The real path of the file {@code given} names, if the operator allows it. */
  private Path allowedFile(String property, String what, String given) throws SQLException {
    return switches.filesUnder().fileInside(given).orElseThrow(() -> refused(property,
        "a connect string may name a " + what + " only in a directory the JVM's operator"
            + " allows with " + ALLOW_FILES_UNDER.howToAllow()));
  }

  private static SQLException refused(String property, String why) {
    return refused(List.of(property), why);
  }

  private static SQLException refused(List<String> properties, String why) {
    int last = properties.size() - 1;
    String subject = last == 0 ? properties.get(0) + " is"
        : String.join(", ", properties.subList(0, last)) + " and " + properties.get(last) + " are";
    return new SQLException("Cannot connect to SendPilot: " + subject + " refused: " + why,
        REFUSED);
  }
}
