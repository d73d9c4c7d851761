package ai.sendpilot.sql.adapter;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Converts a tree in {@link SendPilotRel#CONVENTION} to the enumerable convention. */
public final class SendPilotToEnumerableConverterRule extends ConverterRule {
  static final ConverterRule INSTANCE = Config.INSTANCE
      .withConversion(RelNode.class, SendPilotRel.CONVENTION,
          EnumerableConvention.INSTANCE, "SendPilotToEnumerableConverterRule")
      .withRuleFactory(SendPilotToEnumerableConverterRule::new)
      .toRule(SendPilotToEnumerableConverterRule.class);

  private SendPilotToEnumerableConverterRule(Config config) {
    super(config);
  }

  @Override public RelNode convert(RelNode rel) {
    RelTraitSet traitSet = rel.getTraitSet().replace(getOutConvention());
    SendPilotRel input = (SendPilotRel) rel;
    return new SendPilotToEnumerableConverter(rel.getCluster(), traitSet, rel,
        input.sendPilotTable(), input.scanSpec());
  }
}
