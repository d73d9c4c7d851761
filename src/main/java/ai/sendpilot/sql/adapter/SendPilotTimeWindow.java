package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.ScanSpec;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

/**
 * Lower bounds on {@code last_activity_at}: each account's stream, newest activity first, ends
 * at its first conversation older than the bound, so paging stops there. {@code condition}
 * holds exactly the bounds it implements: every conversation after the first one it rejects
 * is older still, which the scan checks as it reads.
 */
public final class SendPilotTimeWindow extends Filter implements SendPilotRel {
  private final SendPilotTable table;
  private final ScanSpec spec;

  /** Creates a window; {@code spec} is the input's spec with the window's bounds. */
  SendPilotTimeWindow(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      RexNode condition, SendPilotTable table, ScanSpec spec) {
    super(cluster, traitSet, input, condition);
    this.table = table;
    this.spec = spec;
  }

  @Override public Filter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
    return new SendPilotTimeWindow(getCluster(), traitSet, input, condition, table, spec);
  }

  /** Next to nothing: the window saves requests, so a plan with it must cost less. */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.01);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("lastActivityAt", String.valueOf(spec.window()));
  }

  @Override public SendPilotTable sendPilotTable() {
    return table;
  }

  @Override public ScanSpec scanSpec() {
    return spec;
  }
}
