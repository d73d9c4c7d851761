package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.CallControl;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.DataContext;

/**
 * What one execution of a query may still take: its cancel flag and deadline (the statement's
 * query timeout, else {@code queryTimeoutMs}, from the start of the execution), shared by its
 * scans and its guarded operators, and the memory its buffered rows take against
 * {@code maxQueryMemoryMb}.
 */
public final class QueryBudget {
  /** One budget per execution: Calcite gives each execution a DataContext of its own. */
  private static final Map<DataContext, QueryBudget> BY_EXECUTION =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final CallControl control;
  private final QueryLimits limits;
  private final AtomicLong heldBytes = new AtomicLong();
  private final AtomicLong heldRows = new AtomicLong();

  private QueryBudget(CallControl control, QueryLimits limits) {
    this.control = control;
    this.limits = limits;
  }

  /** The budget of the execution {@code root} belongs to, made with {@code limits} if new. */
  public static QueryBudget of(DataContext root, QueryLimits limits) {
    return BY_EXECUTION.computeIfAbsent(root, r -> create(r, limits));
  }

  private static QueryBudget create(DataContext root, QueryLimits limits) {
    AtomicBoolean cancelFlag = DataContext.Variable.CANCEL_FLAG.get(root);
    Object timeout = root.get(DataContext.Variable.TIMEOUT.camelName);
    long statementTimeout = timeout instanceof Number ? ((Number) timeout).longValue() : 0;
    CallControl control = statementTimeout > 0 ? CallControl.of(cancelFlag, statementTimeout)
        : CallControl.of(cancelFlag, limits.timeoutMillis(), "queryTimeoutMs");
    return new QueryBudget(control, limits);
  }

  /** What stops the execution's calls: its cancel flag and deadline. */
  public CallControl control() {
    return control;
  }

  public QueryLimits limits() {
    return limits;
  }

  /** Counts a row of about {@code bytes} kept by an operator; fails past the budget. */
  public void hold(long bytes) {
    long rows = heldRows.incrementAndGet();
    long held = heldBytes.addAndGet(bytes + RowSizes.PER_ROW_OVERHEAD);
    if (held > limits.memoryBytes()) {
      throw QueryMemoryException.rows(rows, held, limits);
    }
  }
}
