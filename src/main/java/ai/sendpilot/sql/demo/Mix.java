package ai.sendpilot.sql.demo;

/** Deterministic 64-bit mixing (the SplitMix64 finalizer), its inverse, and seeded hashes. */
final class Mix {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long M1 = 0xBF58476D1CE4E5B9L;
  private static final long M2 = 0x94D049BB133111EBL;
  private static final long M1_INVERSE = inverse(M1);
  private static final long M2_INVERSE = inverse(M2);

  private Mix() {
  }

  /** A bijective scramble of all 64 bits. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * M1;
    z = (z ^ (z >>> 27)) * M2;
    return z ^ (z >>> 31);
  }

  /** The inverse of {@link #mix64}. */
  static long unmix64(long z) {
    z = unXorShift(z, 31);
    z = unXorShift(z * M2_INVERSE, 27);
    return unXorShift(z * M1_INVERSE, 30);
  }

  /** A well-spread hash of the parts, in order. */
  static long hash(long... parts) {
    long h = GOLDEN;
    for (long p : parts) {
      h = mix64(h ^ mix64(p + GOLDEN));
    }
    return h;
  }

  private static long unXorShift(long y, int shift) {
    long x = y;
    for (int s = shift; s < 64; s += shift) {
      x ^= y >>> s;
    }
    return x;
  }

  private static long inverse(long odd) {
    long x = odd;
    for (int i = 0; i < 6; i++) {
      x *= 2 - odd * x;
    }
    return x;
  }
}
