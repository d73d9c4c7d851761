package ai.sendpilot.sql.demo;

import java.util.List;

/** A tiny SplitMix64 generator whose sequence depends only on the seed parts it was built from. */
final class SeededRandom {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long state;

  SeededRandom(long... seedParts) {
    this.state = Mix.hash(seedParts);
  }

  long nextLong() {
    state += GOLDEN;
    return Mix.mix64(state);
  }

  /** Uniform in {@code [0, bound)}. */
  int nextInt(int bound) {
    return (int) Math.floorMod(nextLong(), (long) bound);
  }

  /** Uniform in {@code [low, high]}. */
  long between(long low, long high) {
    return low + Math.floorMod(nextLong(), high - low + 1);
  }

  boolean chance(double probability) {
    return (nextLong() >>> 11) * 0x1.0p-53 < probability;
  }

  <T> T pick(List<T> items) {
    return items.get(nextInt(items.size()));
  }
}
