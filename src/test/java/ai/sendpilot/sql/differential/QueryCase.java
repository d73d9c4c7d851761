package ai.sendpilot.sql.differential;

import java.util.List;

/**
 * One generated query: its SQL (the same text for the driver and the reference), the
 * parameter values of each execution (one empty list for a plain statement; several for a
 * prepared statement re-executed with new values), and how results are compared.
 */
record QueryCase(String sql, List<List<Object>> executions, Check check) {
  QueryCase {
    executions = List.copyOf(executions);
  }

  static QueryCase plain(String sql, Check check) {
    return new QueryCase(sql, List.of(List.of()), check);
  }

  boolean prepared() {
    return executions.size() > 1 || !executions.get(0).isEmpty();
  }
}
