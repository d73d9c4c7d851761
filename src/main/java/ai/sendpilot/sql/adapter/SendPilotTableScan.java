package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.ScanSpec;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Scan of a SendPilot table: every account, every row, until operators above narrow it. Its
 * traits carry the API's order ({@link SendPilotTable#order}), so the planner sorts nothing the
 * API already serves in order.
 */
public final class SendPilotTableScan extends TableScan implements SendPilotRel {
  private final SendPilotTable table;

  public SendPilotTableScan(RelOptCluster cluster, RelOptTable relOptTable,
      SendPilotTable table) {
    super(cluster, cluster.traitSetOf(CONVENTION).replaceIf(RelCollationTraitDef.INSTANCE,
        () -> table.order(table.kind())), List.of(), relOptTable);
    this.table = table;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override public RelDataType deriveRowType() {
    return table.getRowType(getCluster().getTypeFactory());
  }

  @Override public SendPilotTable sendPilotTable() {
    return table;
  }

  @Override public ScanSpec scanSpec() {
    return ScanSpec.of(table.kind());
  }

  @Override public void register(RelOptPlanner planner) {
    planner.addRule(SendPilotToEnumerableConverterRule.INSTANCE);
    for (RelOptRule rule : SendPilotRules.RULES) {
      planner.addRule(rule);
    }
    // Lets `c.account_id = 'a'` reach the participants side of a join on account_id.
    planner.addRule(CoreRules.JOIN_PUSH_TRANSITIVE_PREDICATES);
  }
}
