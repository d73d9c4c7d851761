package ai.sendpilot.sql.adapter;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/**
 * Converts a tree in {@link SendPilotRel#CONVENTION} to the enumerable convention: into a
 * converter that keeps the tree's order and, when there is one, also into one that drops it
 * (see {@link SendPilotToEnumerableConverter}).
 */
public final class SendPilotToEnumerableConverterRule extends ConverterRule {
  static final ConverterRule INSTANCE = Config.INSTANCE
      .withConversion(RelNode.class, SendPilotRel.CONVENTION,
          EnumerableConvention.INSTANCE, "SendPilotToEnumerableConverterRule")
      .withRuleFactory(SendPilotToEnumerableConverterRule::new)
      .toRule(SendPilotToEnumerableConverterRule.class);

  private SendPilotToEnumerableConverterRule(Config config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    super.onMatch(call);
    RelNode rel = call.rel(0);
    if (rel.getTraitSet().contains(getInTrait()) && SendPilotRules.hasOrder(rel.getTraitSet())) {
      call.transformTo(converter(rel,
          rel.getTraitSet().replace(getOutConvention()).replace(RelCollations.EMPTY)));
    }
  }

  @Override public RelNode convert(RelNode rel) {
    return converter(rel, rel.getTraitSet().replace(getOutConvention()));
  }

  private static RelNode converter(RelNode rel, RelTraitSet traitSet) {
    SendPilotRel input = (SendPilotRel) rel;
    return new SendPilotToEnumerableConverter(rel.getCluster(), traitSet, rel,
        input.sendPilotTable(), input.scanSpec());
  }
}
