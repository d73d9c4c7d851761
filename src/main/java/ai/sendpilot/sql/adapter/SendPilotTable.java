package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.client.CallControl;
import ai.sendpilot.sql.client.MessageFetcher;
import ai.sendpilot.sql.client.PageFetcher;
import ai.sendpilot.sql.scan.ConversationRows;
import ai.sendpilot.sql.scan.MessageKey;
import ai.sendpilot.sql.scan.MessageLookup;
import ai.sendpilot.sql.scan.MessageScan;
import ai.sendpilot.sql.scan.PageSharing;
import ai.sendpilot.sql.scan.QueryBudget;
import ai.sendpilot.sql.scan.QueryLimits;
import ai.sendpilot.sql.scan.ScanEnumerator;
import ai.sendpilot.sql.scan.ScanOptions;
import ai.sendpilot.sql.scan.ScanSpec;
import ai.sendpilot.sql.scan.SendPilotTableKind;
import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.function.Consumer;
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
  /** A guess for the planner: messages per conversation. */
  private static final double ESTIMATED_MESSAGES_PER_CONVERSATION = 20d;

  private final PageSharing pages;
  private final PageCounts counts;
  private final SendPilotTableKind kind;
  private final boolean nativeOrder;
  private final int maxMessageThreads;
  private final MessageFetcher messages;
  private final QueryLimits limits;

  SendPilotTable(PageSharing pages, PageCounts counts, SendPilotTableKind kind,
      ScanOptions options, MessageFetcher messages, QueryLimits limits) {
    this.limits = limits;
    this.pages = pages;
    this.counts = counts;
    this.kind = kind;
    this.nativeOrder = options.nativeOrder();
    this.maxMessageThreads = options.maxMessageThreads();
    this.messages = messages;
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
    // Keys tell Calcite it may drop a DISTINCT or GROUP BY on them, so only uniqueness every
    // scan guarantees is declared: a conversations scan returns each (id, account_id) once, both
    // never null (ConversationStream drops repeats, ScanEnumerator refuses a conversation
    // without them). Messages are not keyed: a message's id may be null.
    switch (kind) {
    case CONVERSATIONS:
      return Statistics.of(ESTIMATED_ROWS, ImmutableList.of(ImmutableBitSet.of(0, 1)),
          collations);
    case MESSAGES:
      // A request or more per conversation: a full read is far dearer than its row count says.
      return Statistics.of(ESTIMATED_ROWS * ESTIMATED_MESSAGES_PER_CONVERSATION,
          ImmutableList.of(), collations);
    default:
      return Statistics.of(ESTIMATED_ROWS * 2, ImmutableList.of(), collations);
    }
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new SendPilotTableScan(context.getCluster(), relOptTable, this);
  }

  /** Runs a scan; called by the generated code of {@code SendPilotToEnumerableConverter}. */
  public Enumerable<Object[]> scan(DataContext root, ScanSpec spec) {
    CallControl control = control(root);
    Consumer<String> warnings = StatementWarnings.sink(root);
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object[]> enumerator() {
        PageFetcher fetcher = counts.reading(pages.forStatement(root));
        return kind == SendPilotTableKind.MESSAGES
            ? MessageScan.open(fetcher, messages, spec, root, maxMessageThreads, control,
                warnings)
            : new ScanEnumerator(fetcher, spec.resolve(root), control, warnings);
      }
    };
  }

  /**
   * Joins each row of {@code outer} to the messages of the conversation it names (its account
   * and conversation id at the given columns), outer order kept; called by the generated code
   * of {@code SendPilotMessageLookup}.
   */
  public Enumerable<Object[]> lookupMessages(DataContext root, Enumerable<Object[]> outer,
      int accountColumn, int conversationColumn) {
    CallControl control = control(root);
    Consumer<String> warnings = StatementWarnings.sink(root);
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object[]> enumerator() {
        return new MessageLookup<>(outer.enumerator(),
            row -> row[accountColumn] == null || row[conversationColumn] == null ? null
                : new MessageKey(row[accountColumn].toString(),
                    row[conversationColumn].toString()),
            SendPilotTable::concat, messages, null, control, warnings);
      }
    };
  }

  private static Object[] concat(Object[] left, Object[] right) {
    Object[] row = Arrays.copyOf(left, left.length + right.length);
    System.arraycopy(right, 0, row, left.length, right.length);
    return row;
  }

  /** The execution's cancel flag and deadline, shared with its other scans and operators. */
  private CallControl control(DataContext root) {
    return QueryBudget.of(root, limits).control();
  }

  @Override public String toString() {
    return "SendPilotTable{" + kind.tableName() + "}";
  }
}
