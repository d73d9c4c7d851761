package ai.sendpilot.sql.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table says what {@link SendPilotProperty} declares: every setting, in
 * order, with its default and description (backticks aside). On failure, the message holds the
 * table to paste.
 */
class ReadmeConfigurationTest {
  private static final String HEADER = "| setting | default | meaning |";

  @Test void settingsTableMatchesTheDeclaration() throws IOException {
    List<String> expected = Arrays.stream(SendPilotProperty.values())
        .map(ReadmeConfigurationTest::row)
        .collect(Collectors.toList());
    List<String> actual = readmeTable().stream()
        .map(ReadmeConfigurationTest::withoutBackticksInMeaning)
        .collect(Collectors.toList());
    assertEquals(expected.stream().map(ReadmeConfigurationTest::withoutBackticksInMeaning)
            .collect(Collectors.toList()), actual,
        () -> "README.md's Configuration table differs from SendPilotProperty; expected:\n"
            + HEADER + "\n|---|---|---|\n" + String.join("\n", expected) + "\n");
  }

  /** A table row as the declaration makes it. */
  private static String row(SendPilotProperty p) {
    String fallback = p.defaultValue() == null ? "—" : code(p.format(p.defaultValue()));
    String defaultCell = p.environmentVariable() == null ? fallback
        : code(p.environmentVariable()) + ", else " + fallback;
    return "| " + code(p.camelName()) + " | " + defaultCell + " | " + p.description() + " |";
  }

  private static String code(String text) {
    return "`" + text + "`";
  }

  private static String withoutBackticksInMeaning(String row) {
    int meaning = row.lastIndexOf(" | ");
    return row.substring(0, meaning) + row.substring(meaning).replace("`", "");
  }

  /** The rows under the header of the table in the "## Configuration" section. */
  private static List<String> readmeTable() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
    int section = lines.indexOf("## Configuration");
    int header = lines.subList(section, lines.size()).indexOf(HEADER) + section;
    List<String> rows = new ArrayList<>();
    for (String line : lines.subList(header + 2, lines.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      rows.add(line.strip());
    }
    return rows;
  }
}
