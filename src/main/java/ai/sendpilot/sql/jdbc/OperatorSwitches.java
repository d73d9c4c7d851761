package ai.sendpilot.sql.jdbc;

import static ai.sendpilot.sql.config.OperatorSwitch.ALLOW_CALCITE_EXTENSIONS;
import static ai.sendpilot.sql.config.OperatorSwitch.ALLOW_FILES_UNDER;
import static ai.sendpilot.sql.config.OperatorSwitch.ALLOW_INLINE_MODELS;
import static ai.sendpilot.sql.config.OperatorSwitch.ALLOW_OPERATOR_KEY_ANYWHERE;

import ai.sendpilot.sql.config.OperatorSwitch;
import java.util.Map;
import java.util.Properties;

/**
 * The operator's switches ({@link OperatorSwitch}) as one connection reads them.
 *
 * @param filesUnder where a connect string's model file and apiKeyFile may lie
 * @param inlineModels whether a connect string may give an {@code inline:} model
 * @param calciteExtensions whether it may set Calcite properties that load classes or schemas
 * @param operatorKeyAnywhere whether it may send the operator's key to any host and read it from
 *     any environment variable
 */
record OperatorSwitches(AllowedDirectories filesUnder, boolean inlineModels,
    boolean calciteExtensions, boolean operatorKeyAnywhere) {

  /**
   * The switches set in {@code systemProperties}, else in {@code environment}.
   *
   * @throws IllegalArgumentException naming the switch, when one has an unclear value
   */
  static OperatorSwitches read(Properties systemProperties, Map<String, String> environment) {
    return new OperatorSwitches(
        AllowedDirectories.parse(ALLOW_FILES_UNDER.value(systemProperties, environment)),
        ALLOW_INLINE_MODELS.isOn(systemProperties, environment),
        ALLOW_CALCITE_EXTENSIONS.isOn(systemProperties, environment),
        ALLOW_OPERATOR_KEY_ANYWHERE.isOn(systemProperties, environment));
  }
}
