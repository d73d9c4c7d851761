package ai.sendpilot.sql.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableAggregateBase;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableIntersect;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableMinus;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.sql.SqlKind;

/**
 * The last step of the driver's program: a {@link QueryGuard} on every input of every
 * enumerable operator, marked {@code held} where the operator keeps its input's rows (a sort,
 * a window, a hash join's build side, the inner side of an outer nested-loop join, a distinct
 * set operation, an aggregate into lists or over distinct values).
 */
final class QueryGuards {
  /** Aggregate functions that keep every value they are given. */
  private static final Set<SqlKind> COLLECTING = Set.of(SqlKind.LISTAGG, SqlKind.STRING_AGG,
      SqlKind.ARRAY_AGG, SqlKind.ARRAY_CONCAT_AGG, SqlKind.COLLECT, SqlKind.FUSION,
      SqlKind.INTERSECTION, SqlKind.JSON_ARRAYAGG, SqlKind.JSON_OBJECTAGG, SqlKind.MODE,
      SqlKind.PERCENTILE_CONT, SqlKind.PERCENTILE_DISC);

  private QueryGuards() {
  }

  /** The program step. */
  static RelNode insert(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return insert(rel);
  }

  static RelNode insert(RelNode rel) {
    List<RelNode> inputs = rel.getInputs();
    List<RelNode> guarded = new ArrayList<>(inputs.size());
    boolean changed = false;
    for (int i = 0; i < inputs.size(); i++) {
      RelNode input = insert(inputs.get(i));
      if (rel instanceof EnumerableRel && input instanceof EnumerableRel
          && !(input instanceof QueryGuard)) {
        input = new QueryGuard(input.getCluster(), input.getTraitSet(), input, holds(rel, i));
      }
      changed |= input != inputs.get(i);
      guarded.add(input);
    }
    return changed ? rel.copy(rel.getTraitSet(), guarded) : rel;
  }

  /** Whether {@code rel} keeps the rows of its input {@code i} in memory. */
  private static boolean holds(RelNode rel, int i) {
    if (rel instanceof EnumerableSort || rel instanceof EnumerableWindow) {
      return !(rel instanceof EnumerableLimitSort);
    }
    if (rel instanceof EnumerableHashJoin) {
      return i == 1;
    }
    if (rel instanceof EnumerableNestedLoopJoin) {
      return i == 1 && ((Join) rel).getJoinType().generatesNullsOnLeft();
    }
    if (rel instanceof EnumerableUnion) {
      return !((EnumerableUnion) rel).all;
    }
    if (rel instanceof EnumerableIntersect || rel instanceof EnumerableMinus) {
      return true;
    }
    if (rel instanceof EnumerableAggregateBase && rel instanceof Aggregate) {
      for (AggregateCall call : ((Aggregate) rel).getAggCallList()) {
        if (call.isDistinct() || COLLECTING.contains(call.getAggregation().getKind())) {
          return true;
        }
      }
    }
    return false;
  }
}
