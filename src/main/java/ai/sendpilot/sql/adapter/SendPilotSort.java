package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.ScanSpec;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

/**
 * {@code ORDER BY last_activity_at DESC} answered by the API's own order: each account's
 * stream already comes newest activity first, and several accounts are merged by time.
 */
public final class SendPilotSort extends Sort implements SendPilotRel {
  private final SendPilotTable table;
  private final ScanSpec spec;

  SendPilotSort(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      RelCollation collation, SendPilotTable table, ScanSpec spec) {
    super(cluster, traitSet, input, collation, null, null);
    this.table = table;
    this.spec = spec;
  }

  @Override public Sort copy(RelTraitSet traitSet, RelNode input, RelCollation collation,
      RexNode offset, RexNode fetch) {
    return new SendPilotSort(getCluster(), traitSet, input, collation, table, spec);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeTinyCost();
  }

  @Override public SendPilotTable sendPilotTable() {
    return table;
  }

  @Override public ScanSpec scanSpec() {
    return spec;
  }
}
