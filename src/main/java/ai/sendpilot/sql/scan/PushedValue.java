package ai.sendpilot.sql.scan;

import org.apache.calcite.DataContext;

/**
 * A value pushed into the API: a literal known when planning, or a dynamic parameter
 * ({@code ?}) read from the statement's data context when it runs.
 *
 * @param literal the value, when {@code parameter} is negative
 * @param parameter the 0-based index of the {@code ?}, or -1 for a literal
 */
public record PushedValue(Object literal, int parameter) {
  public static PushedValue literal(Object value) {
    return new PushedValue(value, -1);
  }

  public static PushedValue parameter(int index) {
    return new PushedValue(null, index);
  }

  public boolean isLiteral() {
    return parameter < 0;
  }

  /** The value for one execution. */
  public Object resolve(DataContext root) {
    return isLiteral() ? literal : root.get("?" + parameter);
  }

  @Override public String toString() {
    return isLiteral() ? String.valueOf(literal) : "?" + parameter;
  }
}
