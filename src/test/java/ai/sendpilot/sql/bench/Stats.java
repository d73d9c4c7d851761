package ai.sendpilot.sql.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians of repeated measurements. */
final class Stats {
  private Stats() {
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
