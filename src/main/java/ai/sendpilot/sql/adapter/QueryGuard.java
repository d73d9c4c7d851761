package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.config.SendPilotProperty;
import ai.sendpilot.sql.scan.GuardedEnumerable;
import ai.sendpilot.sql.scan.QueryBudget;
import ai.sendpilot.sql.scan.QueryLimits;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Checks the rows one enumerable operator hands another ({@link GuardedEnumerable}): the query
 * stops on cancel, close or its deadline even while Calcite's operators only compute, and rows
 * the consumer keeps ({@code held}) count against the memory budget. Inserted by
 * {@link QueryGuards} into the finished plan; invisible in EXPLAIN.
 */
public final class QueryGuard extends SingleRel implements EnumerableRel {
  private static final Method GUARD = Types.lookupMethod(QueryGuard.class, "guard",
      DataContext.class, Enumerable.class, boolean.class);
  private static final QueryLimits DEFAULT_LIMITS = QueryLimits.of(
      SendPilotProperty.QUERY_TIMEOUT_MS.defaultValue(Integer.class), null);

  private final boolean held;

  QueryGuard(RelOptCluster cluster, RelTraitSet traits, RelNode input, boolean held) {
    super(cluster, traits, input);
    this.held = held;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new QueryGuard(getCluster(), traitSet, sole(inputs), held);
  }

  /** Shows the input in its place: the guard changes no row. */
  @Override public void explain(RelWriter pw) {
    getInput().explain(pw);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("held", held);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    Expression rows = builder.append("guarded", input.block);
    builder.add(Expressions.return_(null, Expressions.call(GUARD,
        implementor.getRootExpression(), rows, Expressions.constant(held))));
    return implementor.result(input.physType, builder.toBlock());
  }

  /**
   * {@code rows} checked against the budget of the execution {@code root} belongs to; called
   * by the generated code.
   */
  public static <T> Enumerable<T> guard(DataContext root, Enumerable<T> rows, boolean held) {
    return GuardedEnumerable.of(QueryBudget.of(root, limits(root)), rows, held);
  }

  /** The limits of the connection's {@code sendpilot} schema; the defaults without one. */
  static QueryLimits limits(DataContext root) {
    SchemaPlus rootSchema = root.getRootSchema();
    CalciteSchema sendPilot = rootSchema == null ? null
        : CalciteSchema.from(rootSchema).getSubSchema(SendPilotSchema.NAME, false);
    return limits(sendPilot);
  }

  /** The limits of {@code sendPilot} if it is a SendPilot schema; else the defaults. */
  static QueryLimits limits(CalciteSchema sendPilot) {
    return sendPilot != null && sendPilot.schema instanceof SendPilotSchema
        ? ((SendPilotSchema) sendPilot.schema).queryLimits() : DEFAULT_LIMITS;
  }
}
