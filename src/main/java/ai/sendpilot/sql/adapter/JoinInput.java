package ai.sendpilot.sql.adapter;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One input of a join as a rule matched it: a SendPilot operator, possibly under a filter and
 * a projection (field trimming puts projections under joins).
 *
 * @param project the projection on top, or null
 * @param filter the filter under the projection, or null
 * @param scan the SendPilot operator at the bottom
 */
record JoinInput(@Nullable LogicalProject project, @Nullable LogicalFilter filter,
    SendPilotRel scan) {
  /** The operand shapes a join input can have. */
  enum Shape {
    SCAN(false, false),
    FILTERED(false, true),
    PROJECTED(true, false),
    PROJECTED_FILTERED(true, true);

    private final boolean projected;
    private final boolean filtered;

    Shape(boolean projected, boolean filtered) {
      this.projected = projected;
      this.filtered = filtered;
    }

    /** The operand that matches an input of this shape. */
    RelRule.OperandTransform operand() {
      RelRule.OperandTransform scan = b -> b.operand(SendPilotRel.class).anyInputs();
      RelRule.OperandTransform underFilter =
          filtered ? b -> b.operand(LogicalFilter.class).oneInput(scan) : scan;
      return projected ? b -> b.operand(LogicalProject.class)
          .predicate(JoinInput::movableAcrossAJoin).oneInput(underFilter) : underFilter;
    }
  }

  /**
   * Whether a rewrite may compute {@code project} above the join instead of below it: not when
   * it holds a window function, whose partitions would then be made of the joined rows, nor a
   * non-deterministic call, which would then give each joined row its own value.
   */
  static boolean movableAcrossAJoin(LogicalProject project) {
    return !project.containsOver()
        && project.getProjects().stream().allMatch(RexUtil::isDeterministic);
  }

  /** The input whose topmost operator is {@code rels.get(start)}, in a rule call's order. */
  static JoinInput of(List<RelNode> rels, int start) {
    int i = start;
    LogicalProject project = null;
    if (rels.get(i) instanceof LogicalProject) {
      project = (LogicalProject) rels.get(i++);
    }
    LogicalFilter filter = null;
    if (rels.get(i) instanceof LogicalFilter) {
      filter = (LogicalFilter) rels.get(i++);
    }
    return new JoinInput(project, filter, (SendPilotRel) rels.get(i));
  }

  /** How many of the rule call's operators this input took. */
  int relCount() {
    return 1 + (project == null ? 0 : 1) + (filter == null ? 0 : 1);
  }

  /** Number of columns of the scan. */
  int scanWidth() {
    return scan.getRowType().getFieldCount();
  }

  /**
   * The input's output columns as expressions over the scan's columns, these placed from
   * {@code offset} on.
   */
  List<RexNode> outputs(int offset, RexBuilder rexBuilder) {
    List<RexNode> outputs = new ArrayList<>();
    if (project != null) {
      for (RexNode e : project.getProjects()) {
        outputs.add(RexUtil.shift(e, offset));
      }
    } else {
      for (RelDataTypeField f : scan.getRowType().getFieldList()) {
        outputs.add(rexBuilder.makeInputRef(f.getType(), offset + f.getIndex()));
      }
    }
    return outputs;
  }

  /** The filter's condition over the scan's columns placed from {@code offset} on, or null. */
  @Nullable RexNode condition(int offset) {
    return filter == null ? null : RexUtil.shift(filter.getCondition(), offset);
  }

  /** Whether the projection, if any, only picks columns, computing nothing. */
  boolean projectsColumnsOnly() {
    return project == null
        || project.getProjects().stream().allMatch(RexInputRef.class::isInstance);
  }
}
