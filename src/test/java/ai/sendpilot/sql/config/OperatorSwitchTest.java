package ai.sendpilot.sql.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The operator's switches: names, where they are read from, and the README's account. */
class OperatorSwitchTest {
  @Test void eachSwitchIsASystemPropertyAndAnEnvironmentVariable() {
    assertEquals("sendpilot.allowFilesUnder", OperatorSwitch.ALLOW_FILES_UNDER.systemProperty());
    assertEquals("SENDPILOT_ALLOW_FILES_UNDER",
        OperatorSwitch.ALLOW_FILES_UNDER.environmentVariable());
    assertEquals("SENDPILOT_ALLOW_OPERATOR_KEY_ANYWHERE",
        OperatorSwitch.ALLOW_OPERATOR_KEY_ANYWHERE.environmentVariable());
    assertEquals("-Dsendpilot.allowInlineModels=true (or the environment variable"
        + " SENDPILOT_ALLOW_INLINE_MODELS=true)", OperatorSwitch.ALLOW_INLINE_MODELS.howToAllow());
  }

  @Test void theSystemPropertyWinsOverTheEnvironmentAndBothDefaultToOff() {
    OperatorSwitch inline = OperatorSwitch.ALLOW_INLINE_MODELS;
    Properties system = new Properties();
    assertFalse(inline.isOn(system, Map.of()));
    assertNull(inline.value(system, Map.of("SENDPILOT_ALLOW_INLINE_MODELS", " ")));
    assertTrue(inline.isOn(system, Map.of("SENDPILOT_ALLOW_INLINE_MODELS", "TRUE")));
    system.setProperty("sendpilot.allowInlineModels", "false");
    assertFalse(inline.isOn(system, Map.of("SENDPILOT_ALLOW_INLINE_MODELS", "true")));
  }

  @Test void anUnclearValueFailsNamingWhereItWasSet() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OperatorSwitch.ALLOW_CALCITE_EXTENSIONS.isOn(new Properties(),
            Map.of("SENDPILOT_ALLOW_CALCITE_EXTENSIONS", "yes")));
    assertEquals("Operator switch SENDPILOT_ALLOW_CALCITE_EXTENSIONS must be true or false,"
        + " got 'yes'", e.getMessage());
  }

  @Test void readmeSecuritySectionNamesEverySwitch() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("\n## Security\n");
    assertTrue(start >= 0, "README.md has no Security section");
    int end = readme.indexOf("\n## ", start + 1);
    String security = readme.substring(start, end < 0 ? readme.length() : end);
    for (OperatorSwitch s : OperatorSwitch.values()) {
      assertTrue(security.contains("`" + s.systemProperty()), s.systemProperty());
      assertTrue(security.contains("`" + s.environmentVariable()),
          s.environmentVariable());
    }
  }
}
