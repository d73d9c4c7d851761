package ai.sendpilot.sql.adapter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.calcite.plan.Context;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.plan.RelOptSchema;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@link RelBuilder} of the driver's statements: Calcite's, less two Calcite 1.42 faults
 * that give wrong rows or a planner crash (README, "Limits"; check at each Calcite upgrade
 * whether they are still needed).
 *
 * <ul>
 * <li>An OFFSET over a Sort with a FETCH (a nested {@code LIMIT n} then {@code OFFSET m}) is
 *     merged by Calcite into {@code OFFSET m FETCH n}; it is {@code OFFSET m FETCH n - m}
 *     (CALCITE-6128). Literals are composed that way; a {@code ?} gets a Sort of its own.
 * <li>Simplifying a filter such as {@code x = NULLIF('a', 'a')} leaves {@code x = NULL}, which
 *     the planner's predicate metadata rejects with an AssertionError. A comparison with NULL
 *     is never true, so it becomes FALSE.
 * </ul>
 */
final class SendPilotRelBuilder extends RelBuilder {
  /** Builds logical operators, like Calcite's {@code RelFactories.LOGICAL_BUILDER}. */
  static final RelBuilderFactory FACTORY =
      (cluster, schema) -> new SendPilotRelBuilder(Contexts.of(RelFactories.DEFAULT_STRUCT),
          cluster, schema);

  private static final Set<SqlKind> NULL_REJECTING = EnumSet.of(SqlKind.EQUALS,
      SqlKind.NOT_EQUALS, SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN,
      SqlKind.GREATER_THAN_OR_EQUAL);

  private final Context context;

  private SendPilotRelBuilder(Context context, RelOptCluster cluster,
      @Nullable RelOptSchema schema) {
    super(context, cluster, schema);
    this.context = context;
  }

  /** Keeps this class when SqlToRelConverter applies its config transform. */
  @Override public RelBuilder transform(UnaryOperator<Config> transform) {
    Config config = transform.apply(context.maybeUnwrap(Config.class).orElse(Config.DEFAULT));
    return new SendPilotRelBuilder(Contexts.of(config, context), getCluster(),
        getRelOptSchema());
  }

  @Override public RelBuilder sortLimit(@Nullable RexNode offset, @Nullable RexNode fetch,
      Iterable<? extends RexNode> nodes) {
    if (offset == null || fetch != null || nodes.iterator().hasNext()
        || !(peek() instanceof Sort)) {
      return super.sortLimit(offset, fetch, nodes);
    }
    Sort below = (Sort) peek();
    if (below.fetch == null || below.offset != null) {
      return super.sortLimit(offset, fetch, nodes);
    }
    if (below.fetch instanceof RexLiteral && offset instanceof RexLiteral) {
      BigDecimal remaining = value(below.fetch).subtract(value(offset)).max(BigDecimal.ZERO);
      RelNode input = below.getInput();
      build();
      push(input);
      return super.sortLimit(offset, literal(remaining), below.getCollation());
    }
    return super.sortLimit(offset, null, RelCollations.EMPTY);
  }

  private static BigDecimal value(RexNode literal) {
    return ((RexLiteral) literal).getValueAs(BigDecimal.class);
  }

  @Override public RelBuilder filter(Iterable<CorrelationId> variablesSet,
      Iterable<? extends RexNode> predicates) {
    RexNode simplified = simplifier().simplifyFilterPredicates(predicates);
    if (simplified == null) {
      return super.filter(variablesSet, predicates);
    }
    List<RexNode> conjuncts = RelOptUtil.conjunctions(simplified);
    if (conjuncts.stream().noneMatch(SendPilotRelBuilder::comparesWithNull)) {
      return super.filter(variablesSet, predicates);
    }
    List<RexNode> folded = new ArrayList<>(conjuncts.size());
    for (RexNode conjunct : conjuncts) {
      // In a filter, UNKNOWN is as good as FALSE.
      folded.add(comparesWithNull(conjunct) ? getRexBuilder().makeLiteral(false) : conjunct);
    }
    return super.filter(variablesSet, folded);
  }

  /** The simplifier {@link RelBuilder#filter} uses. */
  private RexSimplify simplifier() {
    RexExecutor executor = context.maybeUnwrap(RexExecutor.class)
        .orElse(Util.first(getCluster().getPlanner().getExecutor(), RexUtil.EXECUTOR));
    return new RexSimplify(getRexBuilder(), RelOptPredicateList.EMPTY, executor);
  }

  /** The comparisons whose NULL literal operands the planner's predicate metadata rejects. */
  private static boolean comparesWithNull(RexNode node) {
    return NULL_REJECTING.contains(node.getKind())
        && ((RexCall) node).getOperands().stream().anyMatch(o -> RexUtil.isNullLiteral(o, false));
  }
}
