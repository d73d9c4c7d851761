package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.AccountFilter;
import ai.sendpilot.sql.scan.ParticipantJoin;
import ai.sendpilot.sql.scan.ScanSpec;
import ai.sendpilot.sql.scan.SendPilotTableKind;
import com.google.common.collect.ImmutableSortedSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * Turns a join of conversations and participants on their keys into a {@link SendPilotJoin}
 * with the inputs' filters, the join's other conditions and the inputs' projections above it.
 */
final class ParticipantJoinRewrite {
  private ParticipantJoinRewrite() {
  }

  /** The replacement of {@code join}, or empty when it is not such a join. */
  static Optional<RelNode> of(LogicalJoin join, JoinInput left, JoinInput right) {
    boolean participantsFirst;
    if (isTable(left, SendPilotTableKind.CONVERSATIONS)
        && isTable(right, SendPilotTableKind.PARTICIPANTS)) {
      participantsFirst = false;
    } else if (isTable(left, SendPilotTableKind.PARTICIPANTS)
        && isTable(right, SendPilotTableKind.CONVERSATIONS)) {
      participantsFirst = true;
    } else {
      return Optional.empty();
    }
    JoinInput conversations = participantsFirst ? right : left;
    JoinInput participants = participantsFirst ? left : right;
    JoinRelType type = join.getJoinType();
    boolean outer = type == (participantsFirst ? JoinRelType.RIGHT : JoinRelType.LEFT);
    if (!join.getVariablesSet().isEmpty() || (type != JoinRelType.INNER && !outer)
        || !conversations.scan().sendPilotTable()
            .sharesPagesWith(participants.scan().sendPilotTable())) {
      return Optional.empty();
    }
    ScanSpec conversationSpec = conversations.scan().scanSpec();
    ScanSpec participantSpec = participants.scan().scanSpec();
    if (conversationSpec.limit() != null || participantSpec.limit() != null) {
      return Optional.empty();
    }

    RelOptCluster cluster = join.getCluster();
    RexBuilder rexBuilder = cluster.getRexBuilder();
    ParticipantJoin rows = new ParticipantJoin(outer, participantsFirst);
    RelDataType joinedType = SqlValidatorUtil.deriveJoinRowType(left.scan().getRowType(),
        right.scan().getRowType(), type, cluster.getTypeFactory(), null, List.of());
    RexShuttle retype = new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        return rexBuilder.makeInputRef(joinedType.getFieldList().get(ref.getIndex()).getType(),
            ref.getIndex());
      }
    };
    List<RexNode> outputs = new ArrayList<>();
    for (RexNode e : left.outputs(0, rexBuilder)) {
      outputs.add(e.accept(retype));
    }
    for (RexNode e : right.outputs(left.scanWidth(), rexBuilder)) {
      outputs.add(e.accept(retype));
    }
    RexNode idKey = equality(rexBuilder, joinedType, rows.conversationOffset(),
        rows.participantOffset());
    RexNode accountKey = equality(rexBuilder, joinedType,
        rows.conversationOffset() + SendPilotTableKind.ACCOUNT_ID_COLUMN,
        rows.participantOffset() + SendPilotTableKind.ACCOUNT_ID_COLUMN);
    List<RexNode> residual = new ArrayList<>();
    boolean joinsOnId = false;
    boolean joinsOnAccount = false;
    for (RexNode conjunct : RelOptUtil.conjunctions(substitute(join.getCondition(), outputs))) {
      if (sameEquality(conjunct, idKey)) {
        joinsOnId = true;
      } else if (sameEquality(conjunct, accountKey)) {
        joinsOnAccount = true;
      } else {
        residual.add(conjunct);
      }
    }
    if (!joinsOnId || !joinsOnAccount) {
      return Optional.empty();
    }
    if (outer && (!residual.isEmpty() || participants.filter() != null
        || !participants.projectsColumnsOnly()
        || !covers(participantSpec.accounts(), conversationSpec.accounts()))) {
      return Optional.empty();
    }
    addIfPresent(residual, left.condition(0), retype);
    addIfPresent(residual, right.condition(left.scanWidth()), retype);

    ScanSpec spec = ScanSpec.of(rows);
    if (conversationSpec.accounts() != null) {
      spec = spec.withAccounts(conversationSpec.accounts());
    }
    if (!outer && participantSpec.accounts() != null) {
      spec = spec.withAccounts(participantSpec.accounts());
    }
    if (conversationSpec.window() != null) {
      spec = spec.withWindow(conversationSpec.window());
    }
    SendPilotTable table = conversations.scan().sendPilotTable();
    RelCollation order = table.order(rows);
    RelNode result = new SendPilotJoin(cluster,
        cluster.traitSetOf(SendPilotRel.CONVENTION)
            .replaceIf(RelCollationTraitDef.INSTANCE, () -> order),
        left.scan(), right.scan(),
        RexUtil.composeConjunction(rexBuilder, List.of(idKey, accountKey)), type, table, spec);
    // Explicit traits: Calcite's metadata does not know the order of a SendPilot join.
    if (!residual.isEmpty()) {
      RexNode condition = RexUtil.composeConjunction(rexBuilder, residual);
      result = LogicalFilter.create(result, condition)
          .copy(logicalTraits(cluster, order), result, condition);
    }
    if (!RexUtil.isIdentity(outputs, joinedType)) {
      result = LogicalProject.create(result, List.of(), outputs,
              join.getRowType().getFieldNames(), Set.of())
          .copy(logicalTraits(cluster, orderOf(order, outputs)), result, outputs,
              join.getRowType());
    }
    return Optional.of(result);
  }

  private static boolean isTable(JoinInput input, SendPilotTableKind kind) {
    return input.scan().scanSpec().rows() == kind;
  }

  private static RexNode equality(RexBuilder rexBuilder, RelDataType rowType, int a, int b) {
    return rexBuilder.makeCall(SqlStdOperatorTable.EQUALS,
        rexBuilder.makeInputRef(rowType.getFieldList().get(a).getType(), a),
        rexBuilder.makeInputRef(rowType.getFieldList().get(b).getType(), b));
  }

  /** {@code e} with each input reference replaced by the expression it stands for. */
  private static RexNode substitute(RexNode e, List<RexNode> outputs) {
    return e.accept(new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        return outputs.get(ref.getIndex());
      }
    });
  }

  /** Whether {@code conjunct} equates the same two columns as {@code key}, either way round. */
  private static boolean sameEquality(RexNode conjunct, RexNode key) {
    if (conjunct.getKind() != SqlKind.EQUALS) {
      return false;
    }
    List<RexNode> operands = ((RexCall) conjunct).getOperands();
    List<RexNode> keys = ((RexCall) key).getOperands();
    return (sameColumn(operands.get(0), keys.get(0)) && sameColumn(operands.get(1), keys.get(1)))
        || (sameColumn(operands.get(0), keys.get(1)) && sameColumn(operands.get(1), keys.get(0)));
  }

  private static boolean sameColumn(RexNode a, RexNode b) {
    return a instanceof RexInputRef && b instanceof RexInputRef
        && ((RexInputRef) a).getIndex() == ((RexInputRef) b).getIndex();
  }

  /** Whether {@code wide} admits every account {@code narrow} admits (null: all accounts). */
  private static boolean covers(AccountFilter wide, AccountFilter narrow) {
    if (wide == null || wide.equals(narrow)) {
      return true;
    }
    if (narrow == null) {
      return false;
    }
    ImmutableSortedSet<String> wideAccounts = wide.literalAccounts();
    ImmutableSortedSet<String> narrowAccounts = narrow.literalAccounts();
    return wideAccounts != null && narrowAccounts != null
        && wideAccounts.containsAll(narrowAccounts);
  }

  private static void addIfPresent(List<RexNode> conjuncts, RexNode condition,
      RexShuttle retype) {
    if (condition != null) {
      conjuncts.add(condition.accept(retype));
    }
  }

  private static RelTraitSet logicalTraits(RelOptCluster cluster, RelCollation order) {
    return cluster.traitSetOf(Convention.NONE)
        .replaceIf(RelCollationTraitDef.INSTANCE, () -> order);
  }

  /** {@code order} after a projection of {@code outputs}: its longest prefix still projected. */
  private static RelCollation orderOf(RelCollation order, List<RexNode> outputs) {
    List<RelFieldCollation> kept = new ArrayList<>();
    for (RelFieldCollation key : order.getFieldCollations()) {
      int at = -1;
      for (int i = 0; i < outputs.size() && at < 0; i++) {
        if (outputs.get(i) instanceof RexInputRef
            && ((RexInputRef) outputs.get(i)).getIndex() == key.getFieldIndex()) {
          at = i;
        }
      }
      if (at < 0) {
        break;
      }
      kept.add(key.withFieldIndex(at));
    }
    return RelCollations.of(kept);
  }
}
