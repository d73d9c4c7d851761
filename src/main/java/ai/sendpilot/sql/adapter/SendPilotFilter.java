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
 * Restriction to a set of accounts, answered by one API stream per account; {@code condition}
 * holds exactly the account predicates it implements.
 */
public final class SendPilotFilter extends Filter implements SendPilotRel {
  private final SendPilotTable table;
  private final ScanSpec spec;

  /** Creates a filter; {@code spec} is the input's spec narrowed to the filter's accounts. */
  SendPilotFilter(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      RexNode condition, SendPilotTable table, ScanSpec spec) {
    super(cluster, traitSet, input, condition);
    this.table = table;
    this.spec = spec;
  }

  @Override public Filter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
    return new SendPilotFilter(getCluster(), traitSet, input, condition, table, spec);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.1);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("accountIds", String.valueOf(spec.accounts()))
        .itemIf("conversations", String.valueOf(spec.conversations()),
            spec.conversations() != null);
  }

  @Override public SendPilotTable sendPilotTable() {
    return table;
  }

  @Override public ScanSpec scanSpec() {
    return spec;
  }
}
