package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.ScanSpec;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

/**
 * {@code LIMIT fetch OFFSET offset} over the input in API order: the scan asks for no more than
 * {@code offset + fetch} rows, stops paging once it has them, and skips the first
 * {@code offset}.
 */
public final class SendPilotLimit extends Sort implements SendPilotRel {
  private final SendPilotTable table;
  private final ScanSpec spec;

  /** Creates a limit; {@code spec} is the input's spec with the limit {@code fetch}. */
  SendPilotLimit(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, RexNode offset,
      RexNode fetch, SendPilotTable table, ScanSpec spec) {
    super(cluster, traitSet, input, orderOf(traitSet), offset, fetch);
    this.table = table;
    this.spec = spec;
  }

  /** A limit keeps the order of its input, which is its converter's to rely on or not. */
  private static RelCollation orderOf(RelTraitSet traitSet) {
    RelCollation collation = traitSet.getCollation();
    return collation == null ? RelCollations.EMPTY : collation;
  }

  @Override public Sort copy(RelTraitSet traitSet, RelNode input, RelCollation collation,
      RexNode offset, RexNode fetch) {
    return new SendPilotLimit(getCluster(), traitSet, input, offset, fetch, table, spec);
  }

  /** Shows offset and fetch only: whether rows come in order is the converter's to say. */
  @Override public RelWriter explainTerms(RelWriter pw) {
    return pw.input("input", getInput())
        .itemIf("offset", offset, offset != null)
        .itemIf("fetch", fetch, fetch != null);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.05);
  }

  @Override public SendPilotTable sendPilotTable() {
    return table;
  }

  @Override public ScanSpec scanSpec() {
    return spec;
  }
}
