package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.client.CallControl;
import ai.sendpilot.sql.scan.ConversationRows;
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
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
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

  /**
   * The order scans making {@code rows} declare: {@code last_activity_at DESC}, the API's own
   * order, when {@code nativeOrder} is on and the rows have that column; else none. Nulls are
   * first, Calcite's default for DESC, so that a plain {@code ORDER BY last_activity_at DESC}
   * needs no sort; a scan that relies on the order fails on a NULL {@code lastActivityAt}
   * rather than yield it out of place.
   */
  RelCollation order(ConversationRows rows) {
    int column = rows.lastActivityColumn();
    if (!nativeOrder || column < 0) {
      return RelCollations.EMPTY;
    }
    return RelCollations.of(new RelFieldCollation(column, RelFieldCollation.Direction.DESCENDING,
        RelFieldCollation.NullDirection.FIRST));
  }

  /** Whether scans making {@code rows} may rely on the API's newest-first order. */
  boolean servesInOrder(ConversationRows rows) {
    return !order(rows).getFieldCollations().isEmpty();
  }

  /** Whether {@code other} reads the same pages (a table of the same schema). */
  boolean sharesPagesWith(SendPilotTable other) {
    return pages == other.pages;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return kind.rowType(typeFactory);
  }

  @Override public Statistic getStatistic() {
    RelCollation order = order(kind);
    ImmutableList<RelCollation> collations =
        order.getFieldCollations().isEmpty() ? ImmutableList.of() : ImmutableList.of(order);
    return kind == SendPilotTableKind.CONVERSATIONS
        ? Statistics.of(ESTIMATED_ROWS, ImmutableList.of(ImmutableBitSet.of(0, 1)), collations)
        : Statistics.of(ESTIMATED_ROWS * 2, ImmutableList.of(), collations);
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
        return new ScanEnumerator(counts.reading(pages.forStatement(root)), spec.resolve(root),
            control);
      }
    };
  }

  @Override public String toString() {
    return "SendPilotTable{" + kind.tableName() + "}";
  }
}
