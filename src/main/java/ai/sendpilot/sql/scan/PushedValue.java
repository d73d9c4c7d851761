package ai.sendpilot.sql.scan;

import org.apache.calcite.DataContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A value pushed into the API: a literal known when planning, or a value read from the
 * statement's data context when it runs: a dynamic parameter ({@code ?}) or a variable such as
 * {@code CURRENT_TIMESTAMP}, the same for the whole execution.
 *
 * @param literal the value, when {@code contextKey} is null
 * @param contextKey the data context's name of the value ({@code ?0} for the first parameter),
 *     or null for a literal
 */
public record PushedValue(@Nullable Object literal, @Nullable String contextKey) {
  public static PushedValue literal(Object value) {
    return new PushedValue(value, null);
  }

  /** The dynamic parameter of 0-based index {@code index}. */
  public static PushedValue parameter(int index) {
    return new PushedValue(null, "?" + index);
  }

  /** A variable of the execution, such as its {@code CURRENT_TIMESTAMP}. */
  public static PushedValue variable(DataContext.Variable variable) {
    return new PushedValue(null, variable.camelName);
  }

  public boolean isLiteral() {
    return contextKey == null;
  }

  /** The value for one execution. */
  public Object resolve(DataContext root) {
    return isLiteral() ? literal : root.get(contextKey);
  }

  @Override public String toString() {
    if (isLiteral()) {
      return String.valueOf(literal);
    }
    for (DataContext.Variable v : DataContext.Variable.values()) {
      if (v.camelName.equals(contextKey)) {
        return v.name();
      }
    }
    return contextKey;
  }
}
