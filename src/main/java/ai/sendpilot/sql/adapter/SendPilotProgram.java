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
 * {@link SendPilotRelBuilder} in the steps that build relational expressions, and
 * {@link CorrelatedLimits} before decorrelation, and then {@link QueryGuards} in the finished
 * plan.
 */
final class SendPilotProgram {
  private SendPilotProgram() {
  }

  static Program standard() {
    RelMetadataProvider metadata = DefaultRelMetadataProvider.INSTANCE;
    return Programs.sequence(Programs.subQuery(metadata), SendPilotProgram::decorrelate,
        Programs.measure(metadata), SendPilotProgram::trim, SendPilotProgram::optimize,
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

  /** The cost-based step, as in {@code Programs.standard()}. */
  private static RelNode optimize(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    materializations.forEach(planner::addMaterialization);
    lattices.forEach(planner::addLattice);
    planner.setRoot(rel);
    RelNode root = rel.getTraitSet().equals(traits) ? rel : planner.changeTraits(rel, traits);
    planner.setRoot(root);
    return planner.chooseDelegate().findBestExp();
  }
}
