package ai.sendpilot.sql.adapter;

import java.sql.SQLException;
import org.apache.calcite.plan.RelOptListener;

/**
 * Bounds the work of the cost-based planner for one statement: after {@link #MAX_RULE_CALLS}
 * rule calls the statement fails with SQLState {@value #SQL_STATE} (statement too complex, as
 * PostgreSQL says it) instead of planning on until the JVM runs out of memory. A count rather
 * than a time, so that whether a statement plans does not depend on the machine's load.
 */
final class PlanningBudget implements RelOptListener {
  /** Rule calls one statement may take: more than any of the driver's test queries takes. */
  static final int MAX_RULE_CALLS = 250_000;
  /** PostgreSQL's {@code statement_too_complex}. */
  static final String SQL_STATE = "54001";

  private final int maxRuleCalls;
  private int ruleCalls;

  PlanningBudget(int maxRuleCalls) {
    this.maxRuleCalls = maxRuleCalls;
  }

  @Override public void ruleAttempted(RuleAttemptedEvent event) {
    if (event.isBefore() && ++ruleCalls > maxRuleCalls) {
      throw new Exceeded(maxRuleCalls);
    }
  }

  @Override public void relEquivalenceFound(RelEquivalenceEvent event) {
  }

  @Override public void ruleProductionSucceeded(RuleProductionEvent event) {
  }

  @Override public void relDiscarded(RelDiscardedEvent event) {
  }

  @Override public void relChosen(RelChosenEvent event) {
  }

  /** Planning took more rule calls than the budget; the cause states the SQLState. */
  static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded(int maxRuleCalls) {
      super(message(maxRuleCalls), new SQLException(message(maxRuleCalls), SQL_STATE));
    }

    private static String message(int maxRuleCalls) {
      return "Statement too complex to plan: the planner gave up after " + maxRuleCalls
          + " rule calls. Simplify the statement (fewer joins, sub-queries or OR-ed"
          + " conditions), or split it into several";
    }
  }
}
