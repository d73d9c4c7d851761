package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.config.SendPilotProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Connect-string properties that neither the driver nor Calcite reads, so a misspelt setting
 * ({@code pageSise}) is not silently ignored: one warning each, naming the closest known name
 * when one is near.
 */
final class UnknownProperties {
  /** The most edits between a misspelt name and the name it suggests. */
  private static final int MAX_EDITS = 2;

  private static final Set<String> KNOWN = Stream.concat(
          Arrays.stream(SendPilotProperty.values()).map(SendPilotProperty::camelName),
          Stream.concat(CalciteProperties.names().stream(), Stream.of("user", "password")))
      .collect(Collectors.toUnmodifiableSet());

  private UnknownProperties() {
  }

  /** One warning per property of {@code properties} no one reads, by name. */
  static List<String> warnings(ConnectProperties properties) {
    List<String> warnings = new ArrayList<>();
    for (String name : new TreeSet<>(properties.calcite().keySet())) {
      if (!CalciteProperties.isKnown(name)) {
        String warning = "Unknown connection property '" + name + "' is ignored";
        String closest = closest(name);
        warnings.add(closest == null ? warning : warning + "; did you mean '" + closest + "'?");
      }
    }
    return warnings;
  }

  /** The known name fewest edits away from {@code name}, if it is near enough. */
  private static String closest(String name) {
    String best = null;
    int bestEdits = Integer.MAX_VALUE;
    for (String known : new TreeSet<>(KNOWN)) {
      int edits = edits(name.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
      if (edits < bestEdits) {
        best = known;
        bestEdits = edits;
      }
    }
    return bestEdits <= MAX_EDITS && bestEdits * 2 < name.length() ? best : null;
  }

  /** The Levenshtein distance between {@code a} and {@code b}. */
  private static int edits(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
