package ai.sendpilot.sql.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The imports between our packages match the layer table of ARCHITECTURE.md. */
class LayeringTest {
  private static final Path SOURCES = Path.of("src/main/java/ai/sendpilot/sql");
  private static final Pattern TABLE_ROW =
      Pattern.compile("^\\|[^|]+\\|([^|]+)\\|[^|]+\\|([^|]+)\\|$");
  private static final Pattern PACKAGE = Pattern.compile("`ai\\.sendpilot\\.sql\\.([a-z]+)`");
  private static final Pattern ALLOWED = Pattern.compile("`([a-z]+)`");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?ai\\.sendpilot\\.sql\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test void everyPackageImportsOnlyWhatItsLayerMay() throws IOException {
    Map<String, Set<String>> allowed = layerTable();
    Map<String, Set<String>> actual = importsByPackage();
    List<String> violations = new ArrayList<>();
    actual.forEach((pkg, imported) -> {
      assertTrue(allowed.containsKey(pkg) || pkg.equals("config"),
          "package " + pkg + " is missing from ARCHITECTURE.md's layer table");
      for (String target : imported) {
        if (!pkg.equals("config") && !allowed.get(pkg).contains(target)) {
          violations.add(pkg + " imports " + target);
        }
      }
    });
    assertEquals(List.of(), violations);
    assertEquals(Set.of(), actual.getOrDefault("config", Set.of()),
        "config depends on nothing of ours");
  }

  /** Package to the packages its row's "may import" column names. */
  private static Map<String, Set<String>> layerTable() throws IOException {
    Map<String, Set<String>> allowed = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("ARCHITECTURE.md"))) {
      Matcher row = TABLE_ROW.matcher(line.strip());
      if (!row.matches()) {
        continue;
      }
      Set<String> targets = new TreeSet<>();
      Matcher target = ALLOWED.matcher(row.group(2));
      while (target.find()) {
        targets.add(target.group(1));
      }
      Matcher pkg = PACKAGE.matcher(row.group(1));
      while (pkg.find()) {
        allowed.put(pkg.group(1), targets);
      }
    }
    assertTrue(allowed.size() >= 6, "layer table not found in ARCHITECTURE.md: " + allowed);
    return allowed;
  }

  private static Map<String, Set<String>> importsByPackage() throws IOException {
    Map<String, Set<String>> imports = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).toList();
      for (Path file : sources) {
        String pkg = SOURCES.relativize(file).getName(0).toString();
        Set<String> targets = imports.computeIfAbsent(pkg, p -> new TreeSet<>());
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            targets.add(m.group(1));
          }
        }
      }
    }
    return imports;
  }
}
