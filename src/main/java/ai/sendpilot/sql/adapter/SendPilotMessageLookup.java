package ai.sendpilot.sql.adapter;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A lookup join of rows naming conversations (its input, typically a filtered conversations
 * query) to those conversations' messages: for each input row, in the input's order, the
 * messages of the conversation at its account and conversation columns, a few conversations
 * in flight at once. Rows are the input's columns then the messages table's.
 */
public final class SendPilotMessageLookup extends SingleRel implements EnumerableRel {
  private static final Method LOOKUP = Types.lookupMethod(SendPilotTable.class,
      "lookupMessages", DataContext.class, Enumerable.class, int.class, int.class);
  /** A guess for the planner: messages per conversation. */
  private static final double MESSAGES_PER_ROW = 20d;

  private final SendPilotTable table;
  private final int accountColumn;
  private final int conversationColumn;

  SendPilotMessageLookup(RelOptCluster cluster, RelTraitSet traits, RelNode input,
      SendPilotTable table, int accountColumn, int conversationColumn, RelDataType rowType) {
    super(cluster, traits, input);
    this.table = table;
    this.accountColumn = accountColumn;
    this.conversationColumn = conversationColumn;
    this.rowType = rowType;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new SendPilotMessageLookup(getCluster(), traitSet, sole(inputs), table,
        accountColumn, conversationColumn, rowType);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    List<String> names = getInput().getRowType().getFieldNames();
    return super.explainTerms(pw)
        .item("accountId", names.get(accountColumn))
        .item("conversationId", names.get(conversationColumn));
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    return mq.getRowCount(getInput()) * MESSAGES_PER_ROW;
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // One stream per input row, far cheaper than reading every conversation's messages.
    return planner.getCostFactory().makeCost(mq.getRowCount(getInput()), 0, 0);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder block = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression rows = block.append("rows", input.block);
    Expression arrays = input.physType.convertTo(rows, JavaRowFormat.ARRAY);
    Expression tableRef = implementor.stash(table, SendPilotTable.class);
    block.add(Expressions.return_(null, Expressions.call(tableRef, LOOKUP, DataContext.ROOT,
        arrays, Expressions.constant(accountColumn), Expressions.constant(conversationColumn))));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.ARRAY);
    return implementor.result(physType, block.toBlock());
  }
}
