package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.junit.jupiter.api.Test;

/**
 * Planning is bounded: the driver's program stops the cost-based planner after its budget of
 * rule calls with a clear error and SQLState 54001, and plans within it otherwise.
 */
class PlanningBudgetTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private static final String SQL = "select c.id, p.participant_id from conversations c"
      + " join participants p on p.conversation_id = c.id and p.account_id = c.account_id"
      + " where c.account_id in ('a', 'b') and p.name like 'Z%'";

  /** Plans {@link #SQL} with the driver's program bounded to {@code maxRuleCalls}. */
  private RelNode plan(int maxRuleCalls) throws Exception {
    server.setDispatcher(FakeInbox.of("a", 3));
    try (Connection c = Jdbc.connect(server)) {
      CalciteConnection calcite = c.unwrap(CalciteConnection.class);
      FrameworkConfig config = Frameworks.newConfigBuilder()
          .defaultSchema(calcite.getRootSchema().getSubSchema("sendpilot"))
          .parserConfig(SqlParser.config().withUnquotedCasing(Casing.UNCHANGED))
          .programs(SendPilotProgram.standard(maxRuleCalls))
          .build();
      Planner planner = Frameworks.getPlanner(config);
      RelNode rel = planner.rel(planner.validate(planner.parse(SQL))).project();
      return planner.transform(0, rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel);
    }
  }

  @Test void planningBeyondTheBudgetFailsWithAClearError() {
    PlanningBudget.Exceeded e = assertThrows(PlanningBudget.Exceeded.class, () -> plan(20));
    assertEquals("Statement too complex to plan: the planner gave up after 20 rule calls."
        + " Simplify the statement (fewer joins, sub-queries or OR-ed conditions), or split it"
        + " into several", e.getMessage());
    SQLException stated = (SQLException) e.getCause();
    assertEquals("54001", stated.getSQLState());
    assertEquals(e.getMessage(), stated.getMessage());
  }

  @Test void planningWithinTheBudgetPlansAsUsual() throws Exception {
    String plan = RelOptUtil.toString(plan(PlanningBudget.MAX_RULE_CALLS));
    assertTrue(plan.contains("SendPilotJoin"), plan);
  }
}
