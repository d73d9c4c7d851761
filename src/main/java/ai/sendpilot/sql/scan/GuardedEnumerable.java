package ai.sendpilot.sql.scan;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Rows passed from one of Calcite's operators to another, checked on the way: the query stops
 * when it is cancelled (or its statement closed) or past its deadline, even while the operators
 * only compute (a cross join, a sort), and the rows an operator keeps count against its memory
 * budget.
 *
 * @param <T> the row type
 */
public final class GuardedEnumerable<T> extends AbstractEnumerable<T> {
  /** Rows between checks of the deadline; the cancel flag is read at every row. */
  private static final int CLOCK_EVERY = 256;

  private final QueryBudget budget;
  private final Enumerable<T> input;
  private final boolean held;

  private GuardedEnumerable(QueryBudget budget, Enumerable<T> input, boolean held) {
    this.budget = budget;
    this.input = input;
    this.held = held;
  }

  /**
   * {@code input}'s rows checked against {@code budget}; with {@code held}, each counts as a
   * row its consumer keeps in memory.
   */
  public static <T> Enumerable<T> of(QueryBudget budget, Enumerable<T> input, boolean held) {
    return new GuardedEnumerable<>(budget, input, held);
  }

  @Override public Enumerator<T> enumerator() {
    Enumerator<T> rows = input.enumerator();
    return new Enumerator<>() {
      private int count;

      @Override public T current() {
        return rows.current();
      }

      @Override public boolean moveNext() {
        if ((++count & (CLOCK_EVERY - 1)) == 0 || budget.control().cancelled()) {
          budget.control().check(() -> "computing its rows");
        }
        boolean more = rows.moveNext();
        if (more && held) {
          budget.hold(RowSizes.of(rows.current()));
        }
        return more;
      }

      @Override public void reset() {
        rows.reset();
      }

      @Override public void close() {
        rows.close();
      }
    };
  }
}
