package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.ScanSpec;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Bridges a SendPilot operator tree to generated code: collects the pushed {@link ScanSpec}
 * and emits a call to {@link SendPilotTable#scan}. The table and spec are stashed in the data
 * context rather than inlined, so the generated class is the same for every account value.
 *
 * <p>A converter that keeps its input's order (a collation in its traits) promises rows newest
 * activity first, so its scan merges several accounts by time and checks the API's order; one
 * without a collation promises no order and reads several accounts as pages arrive. The rule
 * offers both, the one without order a little cheaper, so the planner picks the ordered one
 * only where an operator above needs the order.
 */
public final class SendPilotToEnumerableConverter extends ConverterImpl implements EnumerableRel {
  private static final Method SCAN =
      Types.lookupMethod(SendPilotTable.class, "scan", DataContext.class, ScanSpec.class);

  private final SendPilotTable table;
  private final ScanSpec inputSpec;

  /** Creates a converter of {@code input}, whose table and spec it keeps for the rules. */
  SendPilotToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input,
      SendPilotTable table, ScanSpec inputSpec) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
    this.table = table;
    this.inputSpec = inputSpec;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new SendPilotToEnumerableConverter(getCluster(), traitSet, sole(inputs), table,
        inputSpec);
  }

  /** Whether this converter's rows come newest activity first. */
  boolean ordered() {
    return SendPilotRules.hasOrder(getTraitSet());
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    ScanSpec spec = scanSpec();
    return super.explainTerms(pw)
        .itemIf("accountIds", String.valueOf(spec.accounts()), spec.accounts() != null)
        .itemIf("conversations", String.valueOf(spec.conversations()),
            spec.conversations() != null)
        .itemIf("lastActivityAt", String.valueOf(spec.window()), spec.window() != null)
        .itemIf("limit", spec.limit(), spec.limit() != null)
        .itemIf("offset", spec.offset(), spec.offset() != null)
        .itemIf("newestFirst", true, spec.newestFirst());
  }

  SendPilotTable sendPilotTable() {
    return table;
  }

  /** What the input pushes, before this converter decides the order. */
  ScanSpec inputSpec() {
    return inputSpec;
  }

  /**
   * What the scan runs: newest first when this converter promises the order, and also when a
   * limit below it was taken over ordered rows (then which rows it keeps depends on the order).
   */
  ScanSpec scanSpec() {
    return inputSpec.withNewestFirst(ordered() || inputSpec.newestFirst());
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    // Merging by time waits on the slowest account: a shade dearer than reading as pages come.
    return cost == null ? null : cost.multiplyBy(ordered() ? 0.11 : 0.1);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.ARRAY);
    Expression tableRef = implementor.stash(table, SendPilotTable.class);
    Expression specRef = implementor.stash(scanSpec(), ScanSpec.class);
    BlockBuilder block = new BlockBuilder();
    block.add(Expressions.return_(null,
        Expressions.call(tableRef, SCAN, DataContext.ROOT, specRef)));
    return implementor.result(physType, block.toBlock());
  }
}
