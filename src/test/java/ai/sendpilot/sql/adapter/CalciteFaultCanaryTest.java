package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.sendpilot.sql.demo.DemoCrmSchema;
import ai.sendpilot.sql.testing.Jdbc;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * Plain Calcite still has the faults the driver works around (README, "Limits"). When one of
 * these fails after a Calcite upgrade, Calcite fixed that fault: remove the work-around it
 * names, and this test.
 */
class CalciteFaultCanaryTest {
  private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);

  /** CALCITE-6128; work-around: {@link SendPilotRelBuilder#sortLimit}. */
  @Test void relBuilderMergesAnOffsetOverAFetchWrongly() {
    RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()),
        rex);
    RelNode rel = RelFactories.LOGICAL_BUILDER.create(cluster, null)
        .values(new String[] {"x"}, 1, 2, 3, 4, 5).limit(0, 3).limit(1, -1).build();
    assertEquals("LogicalSort(offset=[1], fetch=[3])",
        RelOptUtil.toString(rel).lines().findFirst().orElseThrow());
  }

  /** Work-around: {@link CorrelatedLimits}. */
  @Test void decorrelatorCastsALimitParameterToALiteral() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calcite:")) {
      SQLException e = assertThrows(SQLException.class, () -> {
        try (PreparedStatement s = c.prepareStatement("select count(*) from (values (1), (2))"
            + " as c(x) where exists (select 1 from (values (1), (2)) as p(y)"
            + " where p.y = c.x limit ?)")) {
          s.setInt(1, 1);
          s.executeQuery().close();
        }
      });
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      assertInstanceOf(ClassCastException.class, root);
    }
  }

  /** Work-around: {@link SendPilotRules.DistinctSafeMergeUnionRule}. */
  @Test void mergeUnionPushesALimitIntoTheInputsOfAUnionDistinct() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calcite:lex=JAVA")) {
      c.unwrap(CalciteConnection.class).getRootSchema().add(DemoCrmSchema.NAME,
          new DemoCrmSchema());
      // The right answer is 1, 2, 3, 4, 5: every company has contacts.
      assertEquals(List.of("1", "1001", "1002", "1003", "1004"), Jdbc.rows(c, "select * from"
          + " (select company_id from crm.contacts union select company_id + 1000"
          + " from crm.companies) t order by 1 limit 5"));
    }
  }

  /** Work-around: {@link SendPilotRelBuilder#filter}. */
  @Test void simplifierLeavesAComparisonWithNull() {
    RelDataType varchar = types.createTypeWithNullability(
        types.createSqlType(SqlTypeName.VARCHAR), true);
    RelDataType character = types.createTypeWithNullability(
        types.createSqlType(SqlTypeName.CHAR, 1), true);
    RexNode nullIf = rex.makeCall(SqlStdOperatorTable.CASE,
        rex.makeCall(SqlStdOperatorTable.EQUALS, rex.makeLiteral("x"), rex.makeLiteral("x")),
        rex.makeNullLiteral(character), rex.makeLiteral("x"));
    RexNode condition = rex.makeCall(SqlStdOperatorTable.EQUALS, rex.makeInputRef(varchar, 1),
        rex.makeCast(varchar, nullIf));
    RexSimplify simplify = new RexSimplify(rex, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR);
    assertEquals("=($1, null)", simplify.simplifyUnknownAsFalse(condition).toString());
  }
}
