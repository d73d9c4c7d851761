package ai.sendpilot.sql.differential;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compares the driver's rows with the reference's as a {@link Check} says. */
final class Comparison {
  private Comparison() {
  }

  /** Null when the rows agree, else what differs. */
  static String difference(Check check, List<List<Object>> expected,
      List<List<Object>> actual, List<Object> parameters) {
    switch (check.kind()) {
      case ORDERED:
        return expected.equals(actual) ? null : describe("rows or their order differ", expected,
            actual);
      case UNORDERED:
        return counts(expected).equals(counts(actual)) ? null
            : describe("rows differ", expected, actual);
      default:
        return windowDifference(check, expected, actual, parameters);
    }
  }

  /**
   * The driver's rows must be {@code full[offset, offset + size)} up to ties: the same size and
   * sort keys, and per key value a sub-multiset of the full result's rows, equal when the window
   * holds all rows of that key value.
   */
  private static String windowDifference(Check check, List<List<Object>> full,
      List<List<Object>> actual, List<Object> parameters) {
    long offset = check.offset() == null ? 0 : Math.max(0, check.offset().value(parameters));
    long fetch = check.fetch() == null ? Long.MAX_VALUE : check.fetch().value(parameters);
    int from = (int) Math.min(offset, full.size());
    int size = (int) Math.min(fetch, full.size() - from);
    if (actual.size() != size) {
      return describe("expected " + size + " rows of the window [" + offset + ", +" + fetch
          + ") of " + full.size(), full, actual);
    }
    int keys = check.keyColumns();
    for (int i = 0; i < size; i++) {
      if (!key(full.get(from + i), keys).equals(key(actual.get(i), keys))) {
        return describe("sort keys differ at row " + i + " of the window at " + from, full,
            actual);
      }
    }
    Map<List<Object>, List<List<Object>>> fullByKey = byKey(full, keys);
    Map<List<Object>, List<List<Object>>> actualByKey = byKey(actual, keys);
    Map<List<Object>, List<List<Object>>> windowByKey = byKey(full.subList(from, from + size),
        keys);
    for (Map.Entry<List<Object>, List<List<Object>>> group : actualByKey.entrySet()) {
      Map<List<Object>, Integer> got = counts(group.getValue());
      Map<List<Object>, Integer> all = counts(fullByKey.get(group.getKey()));
      boolean whole = windowByKey.get(group.getKey()).size() == all.values().stream()
          .mapToInt(Integer::intValue).sum();
      for (Map.Entry<List<Object>, Integer> row : got.entrySet()) {
        if (row.getValue() > all.getOrDefault(row.getKey(), 0)) {
          return describe("row " + row.getKey() + " is not in the full result often enough",
              full, actual);
        }
      }
      if (whole && !got.equals(all)) {
        return describe("rows of sort key " + group.getKey() + " differ", full, actual);
      }
    }
    return null;
  }

  private static List<Object> key(List<Object> row, int keys) {
    return row.subList(0, keys);
  }

  private static Map<List<Object>, List<List<Object>>> byKey(List<List<Object>> rows,
      int keys) {
    Map<List<Object>, List<List<Object>>> groups = new HashMap<>();
    for (List<Object> row : rows) {
      groups.computeIfAbsent(new ArrayList<>(key(row, keys)), k -> new ArrayList<>()).add(row);
    }
    return groups;
  }

  private static Map<List<Object>, Integer> counts(List<List<Object>> rows) {
    Map<List<Object>, Integer> counts = new HashMap<>();
    for (List<Object> row : rows) {
      counts.merge(row, 1, Integer::sum);
    }
    return counts;
  }

  private static String describe(String what, List<List<Object>> expected,
      List<List<Object>> actual) {
    List<List<Object>> missing = new ArrayList<>(expected);
    List<List<Object>> extra = new ArrayList<>();
    for (List<Object> row : actual) {
      if (!missing.remove(row)) {
        extra.add(row);
      }
    }
    return what + ": reference " + expected.size() + " rows, driver " + actual.size()
        + " rows; driver lacks " + head(missing) + "; driver has besides " + head(extra)
        + "; driver's first rows " + head(actual) + "; reference's first rows "
        + head(expected);
  }

  private static String head(List<List<Object>> rows) {
    return rows.size() <= 5 ? rows.toString()
        : rows.subList(0, 5) + " and " + (rows.size() - 5) + " more";
  }
}
