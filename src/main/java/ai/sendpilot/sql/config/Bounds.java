package ai.sendpilot.sql.config;

import java.math.BigDecimal;

/**
 * The finite values a numeric setting allows: above a lower bound (inclusive or not) and up to an
 * upper bound.
 *
 * @param min the lower bound
 * @param minInclusive whether {@code min} itself is allowed
 * @param max the upper bound, inclusive; infinite when there is none
 */
public record Bounds(double min, boolean minInclusive, double max) {
  /** Any finite number. */
  public static final Bounds ANY =
      new Bounds(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY);

  static Bounds between(double min, double max) {
    return new Bounds(min, true, max);
  }

  static Bounds atLeast(double min) {
    return new Bounds(min, true, Double.POSITIVE_INFINITY);
  }

  static Bounds greaterThan(double min) {
    return new Bounds(min, false, Double.POSITIVE_INFINITY);
  }

  public boolean contains(double value) {
    return Double.isFinite(value) && (minInclusive ? value >= min : value > min) && value <= max;
  }

  /** The allowed values in words, to follow "must be": "between 1 and 100", "at least 0". */
  public String describe() {
    if (Double.isFinite(max)) {
      return "between " + format(min) + " and " + format(max);
    }
    if (Double.isInfinite(min)) {
      return "a finite number";
    }
    return (minInclusive ? "at least " : "greater than ") + format(min);
  }

  /** A number as a person writes it: {@code 10}, not {@code 10.0}. */
  static String format(double value) {
    return Double.isFinite(value)
        ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
        : String.valueOf(value);
  }
}
