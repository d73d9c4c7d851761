package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.ScanSpec;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * Conversations joined to their own participants on conversation id and account, answered by
 * one scan: participants come inside each conversation the API returns, so the join reads one
 * stream, in its order, and stops with it. Its inputs are the two table scans it stands for;
 * only {@code spec} runs.
 */
public final class SendPilotJoin extends BiRel implements SendPilotRel {
  private final RexNode condition;
  private final JoinRelType joinType;
  private final SendPilotTable table;
  private final ScanSpec spec;

  /**
   * Creates a join.
   *
   * @param condition the key equalities, for EXPLAIN
   * @param joinType INNER, or the outer join that keeps every conversation
   * @param table the conversations table
   * @param spec the joined scan: rows, accounts and window of both inputs
   */
  SendPilotJoin(RelOptCluster cluster, RelTraitSet traitSet, RelNode left, RelNode right,
      RexNode condition, JoinRelType joinType, SendPilotTable table, ScanSpec spec) {
    super(cluster, traitSet, left, right);
    this.condition = condition;
    this.joinType = joinType;
    this.table = table;
    this.spec = spec;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new SendPilotJoin(getCluster(), traitSet, inputs.get(0), inputs.get(1), condition,
        joinType, table, spec);
  }

  @Override protected RelDataType deriveRowType() {
    return SqlValidatorUtil.deriveJoinRowType(left.getRowType(), right.getRowType(), joinType,
        getCluster().getTypeFactory(), null, List.of());
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("condition", condition)
        .item("joinType", joinType.lowerName);
  }

  /** About one row per participant: the larger input. */
  @Override public double estimateRowCount(RelMetadataQuery mq) {
    Double leftRows = mq.getRowCount(left);
    Double rightRows = mq.getRowCount(right);
    return Math.max(leftRows == null ? 1 : leftRows, rightRows == null ? 1 : rightRows);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = estimateRowCount(mq);
    return planner.getCostFactory().makeCost(rows, rows, 0).multiplyBy(0.05);
  }

  @Override public SendPilotTable sendPilotTable() {
    return table;
  }

  @Override public ScanSpec scanSpec() {
    return spec;
  }
}
