package ai.sendpilot.sql.adapter;

import java.util.List;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.sql2rel.TopDownGeneralDecorrelator;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.tools.RelBuilder;

/**
 * Calcite 1.42's standard optimization program ({@code Programs.standard()}: sub-queries,
 * decorrelation, measures, field trimming, the cost-based planner, calcs), with the driver's
 * {@link SendPilotRelBuilder} in the steps that build relational expressions,
 * {@link CorrelatedLimits} before decorrelation, the cost-based step bounded by a
 * {@link PlanningBudget}, and then {@link QueryGuards} in the finished plan.
 */
final class SendPilotProgram {
  private SendPilotProgram() {
  }

  static Program standard() {
    return standard(PlanningBudget.MAX_RULE_CALLS);
  }

  /** The program, its cost-based step bounded to {@code maxRuleCalls} rule calls. */
  static Program standard(int maxRuleCalls) {
    RelMetadataProvider metadata = DefaultRelMetadataProvider.INSTANCE;
    Program optimize = (planner, rel, traits, materializations, lattices) ->
        optimize(planner, rel, traits, materializations, lattices, maxRuleCalls);
    return Programs.sequence(Programs.subQuery(metadata), SendPilotProgram::decorrelate,
        Programs.measure(metadata), SendPilotProgram::trim, optimize,
        Programs.calc(metadata), QueryGuards::insert);
  }

  private static RelNode decorrelate(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    CalciteConnectionConfig config = planner.getContext()
        .maybeUnwrap(CalciteConnectionConfig.class).orElse(CalciteConnectionConfig.DEFAULT);
    if (!config.forceDecorrelate()) {
      return rel;
    }
    RelBuilder builder = SendPilotRelBuilder.FACTORY.create(rel.getCluster(), null);
    if (config.topDownGeneralDecorrelationEnabled()) {
      return TopDownGeneralDecorrelator.decorrelateQuery(rel, builder);
    }
    return RelDecorrelator.decorrelateQuery(CorrelatedLimits.withExplicitOffsets(rel), builder);
  }

  private static RelNode trim(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    RelBuilder builder = SendPilotRelBuilder.FACTORY.create(rel.getCluster(), null);
    return new RelFieldTrimmer(null, builder).trim(rel);
  }

  /** The cost-based step, as in {@code Programs.standard()}, within a {@link PlanningBudget}. */
  private static RelNode optimize(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices,
      int maxRuleCalls) {
    planner.addListener(new PlanningBudget(maxRuleCalls));
    try {
      materializations.forEach(planner::addMaterialization);
      lattices.forEach(planner::addLattice);
      planner.setRoot(rel);
      RelNode root = rel.getTraitSet().equals(traits) ? rel : planner.changeTraits(rel, traits);
      planner.setRoot(root);
      return planner.chooseDelegate().findBestExp();
    } catch (RuntimeException e) {
      // Calcite wraps what a rule call throws; the budget's own failure says it best.
      PlanningBudget.Exceeded exceeded = Causes.find(e, PlanningBudget.Exceeded.class);
      throw exceeded != null ? exceeded : e;
    }
  }
}
