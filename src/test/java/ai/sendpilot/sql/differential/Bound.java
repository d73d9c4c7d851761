package ai.sendpilot.sql.differential;

import java.util.List;

/**
 * A LIMIT or OFFSET of a generated query: a literal, or the value of a statement parameter.
 *
 * @param literal the value when it is written in the SQL, else null
 * @param parameter the parameter's 0-based index when it is a {@code ?}, else -1
 */
record Bound(Long literal, int parameter) {
  static Bound of(long value) {
    return new Bound(value, -1);
  }

  static Bound parameter(int index) {
    return new Bound(null, index);
  }

  long value(List<Object> parameters) {
    return literal != null ? literal : ((Number) parameters.get(parameter)).longValue();
  }

  /** The SQL text: the number or {@code ?}. */
  String sql() {
    return literal != null ? literal.toString() : "?";
  }
}
