package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.client.CallControl;
import ai.sendpilot.sql.scan.PageSharing;
import ai.sendpilot.sql.scan.ScanEnumerator;
import ai.sendpilot.sql.scan.ScanSpec;
import ai.sendpilot.sql.scan.SendPilotTableKind;
import com.google.common.collect.ImmutableList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

/** A SendPilot table; planning turns it into a {@link SendPilotTableScan}. */
public final class SendPilotTable extends AbstractTable implements TranslatableTable {
  /** A guess for the planner; real inboxes hold hundreds to tens of thousands. */
  private static final double ESTIMATED_ROWS = 10_000d;

  private final PageSharing pages;
  private final PageCounts counts;
  private final SendPilotTableKind kind;
  private final boolean nativeOrder;

  SendPilotTable(PageSharing pages, PageCounts counts, SendPilotTableKind kind,
      boolean nativeOrder) {
    this.pages = pages;
    this.counts = counts;
    this.kind = kind;
    this.nativeOrder = nativeOrder;
  }

  public SendPilotTableKind kind() {
    return kind;
  }

  /** Whether ORDER BY last_activity_at DESC may be answered from the API's own order. */
  public boolean nativeOrder() {
    return nativeOrder && kind == SendPilotTableKind.CONVERSATIONS;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return kind.rowType(typeFactory);
  }

  @Override public Statistic getStatistic() {
    return kind == SendPilotTableKind.CONVERSATIONS
        ? Statistics.of(ESTIMATED_ROWS, ImmutableList.of(ImmutableBitSet.of(0, 1)))
        : Statistics.of(ESTIMATED_ROWS * 2, ImmutableList.of());
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new SendPilotTableScan(context.getCluster(), relOptTable, this);
  }

  /** Runs a scan; called by the generated code of {@code SendPilotToEnumerableConverter}. */
  public Enumerable<Object[]> scan(DataContext root, ScanSpec spec) {
    AtomicBoolean cancelFlag = DataContext.Variable.CANCEL_FLAG.get(root);
    Object timeout = root.get(DataContext.Variable.TIMEOUT.camelName);
    CallControl control = CallControl.of(cancelFlag,
        timeout instanceof Number ? ((Number) timeout).longValue() : 0);
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object[]> enumerator() {
        return new ScanEnumerator(counts.reading(pages.forStatement(root)), kind,
            spec.resolve(root), control);
      }
    };
  }

  @Override public String toString() {
    return "SendPilotTable{" + kind.tableName() + "}";
  }
}
