package ai.sendpilot.sql.adapter;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexDynamicParam;

/**
 * Prepares a plan for Calcite 1.42's {@code RelDecorrelator}, which casts the FETCH of a
 * correlated Sort without OFFSET to a literal (to try a MIN/MAX rewrite for {@code LIMIT 1})
 * and so fails with a ClassCastException on {@code LIMIT ?}, as in
 * {@code EXISTS (SELECT … WHERE p.id = c.id LIMIT ?)}. Inside the correlated input of a
 * {@link Correlate}, such a Sort gets an explicit {@code OFFSET 0}: the decorrelator then takes
 * its ROW_NUMBER rewrite, which reads the parameter. Check at each Calcite upgrade whether this
 * is still needed (README, "Limits").
 */
final class CorrelatedLimits {
  private CorrelatedLimits() {
  }

  static RelNode withExplicitOffsets(RelNode root) {
    return root.accept(new Shuttle(false));
  }

  /** Rewrites the Sorts below the right input of a Correlate, and only those. */
  private static final class Shuttle extends RelHomogeneousShuttle {
    private final boolean correlated;

    Shuttle(boolean correlated) {
      this.correlated = correlated;
    }

    @Override public RelNode visit(RelNode other) {
      if (other instanceof Correlate && !correlated) {
        Correlate correlate = (Correlate) other;
        RelNode left = correlate.getLeft().accept(this);
        RelNode right = correlate.getRight().accept(new Shuttle(true));
        return left == correlate.getLeft() && right == correlate.getRight() ? correlate
            : correlate.copy(correlate.getTraitSet(), List.of(left, right));
      }
      RelNode visited = super.visit(other);
      if (correlated && visited instanceof Sort) {
        Sort sort = (Sort) visited;
        if (sort.offset == null && sort.fetch instanceof RexDynamicParam) {
          return sort.copy(sort.getTraitSet(), sort.getInput(), sort.getCollation(),
              sort.getCluster().getRexBuilder().makeExactLiteral(BigDecimal.ZERO),
              sort.fetch);
        }
      }
      return visited;
    }
  }
}
