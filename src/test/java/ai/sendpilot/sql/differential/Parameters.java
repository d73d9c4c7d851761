package ai.sendpilot.sql.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code ?} parameters of one generated query, in text order, each with a value per
 * execution of the prepared statement.
 */
final class Parameters {
  private final int executions;
  private final List<Object[]> values = new ArrayList<>();

  Parameters(int executions) {
    this.executions = executions;
  }

  /** Whether the query is a prepared statement run several times. */
  boolean prepared() {
    return executions > 1;
  }

  /** Adds a parameter, calling {@code value} once per execution; returns {@code ?}. */
  String add(Supplier<Object> value) {
    Object[] perExecution = new Object[executions];
    for (int i = 0; i < executions; i++) {
      perExecution[i] = value.get();
    }
    values.add(perExecution);
    return "?";
  }

  /** Index the next parameter will have. */
  int next() {
    return values.size();
  }

  /** The parameter values of each execution; may hold nulls. */
  List<List<Object>> executions() {
    List<List<Object>> out = new ArrayList<>(executions);
    for (int e = 0; e < executions; e++) {
      Object[] row = new Object[values.size()];
      for (int p = 0; p < row.length; p++) {
        row[p] = values.get(p)[e];
      }
      out.add(Arrays.asList(row));
    }
    return out;
  }
}
