package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.AccountFilter;
import ai.sendpilot.sql.scan.ActivityBound;
import ai.sendpilot.sql.scan.ActivityWindow;
import ai.sendpilot.sql.scan.ConversationKeys;
import ai.sendpilot.sql.scan.PushedValue;
import ai.sendpilot.sql.scan.RowLimit;
import ai.sendpilot.sql.scan.ScanSpec;
import ai.sendpilot.sql.scan.SendPilotTableKind;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableMergeUnionRule;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelMdCollation;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.IntPair;
import org.immutables.value.Value;

/**
 * Rules that push account predicates, lower bounds on last activity, LIMIT, and joins of
 * conversations to their participants into {@link SendPilotRel#CONVENTION}.
 */
public final class SendPilotRules {
  private SendPilotRules() {
  }

  /** Whether {@code traits} promise some order of the rows. */
  static boolean hasOrder(RelTraitSet traits) {
    List<RelCollation> collations = traits.getTraits(RelCollationTraitDef.INSTANCE);
    return collations != null
        && collations.stream().anyMatch(c -> !c.getFieldCollations().isEmpty());
  }

  /** The pushdown rules; the converter rule is registered beside them. */
  static final List<RelOptRule> RULES = ImmutableList.<RelOptRule>builder()
      .add(SendPilotFilterRule.INSTANCE, SendPilotTimeWindowRule.INSTANCE,
          SendPilotLimitRule.INSTANCE, OrderFreeInputsRule.INSTANCE,
          OrderedProbeSideRule.INSTANCE)
      .addAll(SendPilotParticipantJoinRule.INSTANCES)
      .addAll(SendPilotMessageLookupRule.INSTANCES)
      .build();

  /**
   * Pushes the account conjuncts of a filter into a {@link SendPilotFilter}; the other
   * conjuncts stay above it in a logical filter. Declines when no conjunct is an account
   * predicate or when a limit is already below (filtering after a limit is not the same).
   */
  public static final class SendPilotFilterRule
      extends RelRule<SendPilotFilterRule.SendPilotFilterRuleConfig> {
    static final SendPilotFilterRule INSTANCE = ImmutableSendPilotFilterRuleConfig.builder()
        .withOperandSupplier(b0 -> b0.operand(LogicalFilter.class)
            .oneInput(b1 -> b1.operand(SendPilotRel.class)
                .predicate(rel -> rel.scanSpec().limit() == null)
                .anyInputs()))
        .build()
        .toRule();

    SendPilotFilterRule(SendPilotFilterRuleConfig config) {
      super(config);
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      SendPilotRel input = call.rel(1);
      RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
      List<RexNode> pushed = new ArrayList<>();
      List<RexNode> kept = new ArrayList<>();
      AccountFilter accounts = null;
      for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
        Optional<AccountFilter> ids = AccountPredicates.accountsOf(conjunct,
            input.scanSpec().rows().accountColumns(), rexBuilder);
        if (ids.isPresent()) {
          pushed.add(conjunct);
          accounts = accounts == null ? ids.get() : accounts.and(ids.get());
        } else {
          kept.add(conjunct);
        }
      }
      ScanSpec spec = input.scanSpec();
      ConversationKeys keys = null;
      if (spec.rows() == SendPilotTableKind.MESSAGES && spec.conversations() == null) {
        // Only narrows what is fetched: the conjunct also stays above, in the kept filter.
        for (RexNode conjunct : kept) {
          keys = ConversationPredicates.keysOf(conjunct, rexBuilder).orElse(null);
          if (keys != null) {
            pushed.add(conjunct);
            break;
          }
        }
      }
      if (accounts == null && keys == null) {
        return;
      }
      if (accounts != null) {
        spec = spec.withAccounts(accounts);
      }
      if (keys != null) {
        spec = spec.withConversations(keys);
      }
      RelNode newInput = convert(input, input.getTraitSet().replace(SendPilotRel.CONVENTION));
      RelNode result = new SendPilotFilter(filter.getCluster(),
          filter.getTraitSet().replace(SendPilotRel.CONVENTION), newInput,
          RexUtil.composeConjunction(rexBuilder, pushed), input.sendPilotTable(), spec);
      if (!kept.isEmpty()) {
        result = filter.copy(filter.getTraitSet(), result,
            RexUtil.composeConjunction(rexBuilder, kept));
      }
      call.transformTo(result);
    }

    /** Rule configuration. */
    @Value.Immutable(singleton = false)
    public interface SendPilotFilterRuleConfig extends RelRule.Config {
      @Override default SendPilotFilterRule toRule() {
        return new SendPilotFilterRule(this);
      }
    }
  }

  /**
   * Pushes {@code LIMIT n [OFFSET m]} into a {@link SendPilotLimit}: the scan reads {@code n + m}
   * rows and skips the first {@code m}. Matches the {@link EnumerableLimit} that
   * Calcite makes of a LIMIT (so the rule fires whichever of the two is registered first).
   * Integer literals and parameters are pushed; declines when a limit at least as tight is
   * already pushed.
   */
  public static final class SendPilotLimitRule
      extends RelRule<SendPilotLimitRule.SendPilotLimitRuleConfig> {
    static final SendPilotLimitRule INSTANCE = ImmutableSendPilotLimitRuleConfig.builder()
        .withOperandSupplier(b0 -> b0.operand(EnumerableLimit.class)
            .predicate(SendPilotLimitRule::hasLiteralBounds)
            .oneInput(b1 -> b1.operand(SendPilotToEnumerableConverter.class).anyInputs()))
        .build()
        .toRule();

    SendPilotLimitRule(SendPilotLimitRuleConfig config) {
      super(config);
    }

    private static boolean hasLiteralBounds(EnumerableLimit limit) {
      return pushable(limit.fetch) && (limit.offset == null || pushable(limit.offset));
    }

    /** An integer literal, or a parameter read when the statement runs. */
    private static boolean pushable(RexNode node) {
      return (node instanceof RexLiteral || node instanceof RexDynamicParam)
          && SqlTypeName.INT_TYPES.contains(node.getType().getSqlTypeName());
    }

    private static PushedValue value(RexNode node) {
      return node instanceof RexLiteral
          ? PushedValue.literal(((RexLiteral) node).getValueAs(Long.class))
          : PushedValue.parameter(((RexDynamicParam) node).getIndex());
    }

    /**
     * Whether {@code limit} stands for an ORDER BY … LIMIT (rather than a LIMIT of any rows):
     * the SQL's sort, the first rel of the limit's equivalence set, has a collation. An
     * {@link EnumerableLimit} does not say, and its input asks for the scan's order either way.
     * When the planner cannot tell, the limit is taken to need the order (right rows, perhaps
     * a request more).
     */
    private static boolean keepsFirstRowsInOrder(RelOptRuleCall call, EnumerableLimit limit) {
      RelNode original = call.getPlanner() instanceof VolcanoPlanner
          ? originalOf((VolcanoPlanner) call.getPlanner(), limit) : null;
      return !(original instanceof Sort)
          || !((Sort) original).getCollation().getFieldCollations().isEmpty();
    }

    private static RelNode originalOf(VolcanoPlanner planner, RelNode rel) {
      RelSubset subset = planner.getSubset(rel);
      return subset == null ? null : subset.getOriginal();
    }

    @Override public void onMatch(RelOptRuleCall call) {
      EnumerableLimit limit = call.rel(0);
      SendPilotToEnumerableConverter converter = call.rel(1);
      ScanSpec spec = converter.inputSpec();
      if (spec.offset() != null || (limit.offset != null && spec.limit() != null)) {
        return;
      }
      RowLimit rowsNeeded = RowLimit.sumOf(limit.offset == null ? List.of(value(limit.fetch))
          : List.of(value(limit.offset), value(limit.fetch)));
      if (spec.limit() != null) {
        Long pushedRows = spec.limit().literalRows();
        Long neededRows = rowsNeeded.literalRows();
        if (pushedRows == null || neededRows == null || pushedRows <= neededRows) {
          return;
        }
      }
      ScanSpec pushedSpec = spec.withLimit(rowsNeeded);
      if (keepsFirstRowsInOrder(call, limit)) {
        // Which rows the limit keeps depends on the order: whichever converter runs the scan,
        // it must merge several accounts newest first, or other rows are kept.
        pushedSpec = pushedSpec.withNewestFirst(true);
      }
      if (limit.offset != null) {
        pushedSpec = pushedSpec.withOffset(value(limit.offset));
      }
      RelNode input = converter.getInput();
      call.transformTo(new SendPilotLimit(limit.getCluster(), input.getTraitSet(), input,
          limit.offset, limit.fetch, converter.sendPilotTable(), pushedSpec));
    }

    /** Rule configuration. */
    @Value.Immutable(singleton = false)
    public interface SendPilotLimitRuleConfig extends RelRule.Config {
      @Override default SendPilotLimitRule toRule() {
        return new SendPilotLimitRule(this);
      }
    }
  }

  /**
   * Pushes the lower bounds a filter puts on {@code last_activity_at} (see
   * {@link ActivityPredicates}) into a {@link SendPilotTimeWindow}, so that each account's
   * stream ends at its first conversation older than the bound; the other conjuncts stay above
   * it in a logical filter. Declines when the input has no such column, when
   * {@code nativeOrder} is off (the stop relies on the API's order), or with a limit below.
   */
  public static final class SendPilotTimeWindowRule
      extends RelRule<SendPilotTimeWindowRule.SendPilotTimeWindowRuleConfig> {
    static final SendPilotTimeWindowRule INSTANCE =
        ImmutableSendPilotTimeWindowRuleConfig.builder()
            .withOperandSupplier(b0 -> b0.operand(LogicalFilter.class)
                .oneInput(b1 -> b1.operand(SendPilotRel.class)
                    .predicate(rel -> rel.scanSpec().limit() == null
                        && rel.sendPilotTable().servesInOrder(rel.scanSpec().rows()))
                    .anyInputs()))
            .build()
            .toRule();

    SendPilotTimeWindowRule(SendPilotTimeWindowRuleConfig config) {
      super(config);
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      SendPilotRel input = call.rel(1);
      RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
      int column = input.scanSpec().rows().lastActivityColumn();
      List<RexNode> pushed = new ArrayList<>();
      List<RexNode> kept = new ArrayList<>();
      List<ActivityBound> bounds = new ArrayList<>();
      RexNode expanded = RexUtil.expandSearch(rexBuilder, null, filter.getCondition());
      for (RexNode conjunct : RelOptUtil.conjunctions(expanded)) {
        Optional<ActivityBound> bound = ActivityPredicates.lowerBound(conjunct, column);
        if (bound.isPresent()) {
          pushed.add(conjunct);
          bounds.add(bound.get());
        } else {
          kept.add(conjunct);
        }
      }
      if (bounds.isEmpty()) {
        return;
      }
      RelNode result = new SendPilotTimeWindow(filter.getCluster(),
          filter.getTraitSet().replace(SendPilotRel.CONVENTION), input,
          RexUtil.composeConjunction(rexBuilder, pushed), input.sendPilotTable(),
          input.scanSpec().withWindow(ActivityWindow.of(bounds)));
      if (!kept.isEmpty()) {
        result = filter.copy(filter.getTraitSet(), result,
            RexUtil.composeConjunction(rexBuilder, kept));
      }
      call.transformTo(result);
    }

    /** Rule configuration. */
    @Value.Immutable(singleton = false)
    public interface SendPilotTimeWindowRuleConfig extends RelRule.Config {
      @Override default SendPilotTimeWindowRule toRule() {
        return new SendPilotTimeWindowRule(this);
      }
    }
  }

  /**
   * Replaces a join of conversations and participants on {@code conversation_id = id and
   * account_id = account_id} by a {@link SendPilotJoin}: one scan of the conversations that
   * makes a row per participant, which streams in the API's order instead of reading one side
   * whole. Each input may sit under a filter and a projection, which move above the scan with
   * the join's other conditions. Inner joins, and outer joins that keep every conversation
   * (LEFT from conversations, RIGHT to them) when the participants side reads at least the same
   * accounts and filters nothing else; declines other joins and inputs with a limit.
   */
  public static final class SendPilotParticipantJoinRule
      extends RelRule<SendPilotParticipantJoinRule.SendPilotParticipantJoinRuleConfig> {
    /** One rule per pair of input shapes. */
    static final List<SendPilotParticipantJoinRule> INSTANCES = instances();

    SendPilotParticipantJoinRule(SendPilotParticipantJoinRuleConfig config) {
      super(config);
    }

    private static List<SendPilotParticipantJoinRule> instances() {
      List<SendPilotParticipantJoinRule> rules = new ArrayList<>();
      for (JoinInput.Shape left : JoinInput.Shape.values()) {
        for (JoinInput.Shape right : JoinInput.Shape.values()) {
          rules.add(ImmutableSendPilotParticipantJoinRuleConfig.builder()
              .withDescription("SendPilotParticipantJoinRule(" + left + ", " + right + ")")
              .withOperandSupplier(b0 -> b0.operand(LogicalJoin.class)
                  .inputs(left.operand(), right.operand()))
              .build()
              .toRule());
        }
      }
      return List.copyOf(rules);
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalJoin join = call.rel(0);
      JoinInput left = JoinInput.of(call.getRelList(), 1);
      JoinInput right = JoinInput.of(call.getRelList(), 1 + left.relCount());
      ParticipantJoinRewrite.of(join, left, right).ifPresent(call::transformTo);
    }

    /** Rule configuration. */
    @Value.Immutable(singleton = false)
    public interface SendPilotParticipantJoinRuleConfig extends RelRule.Config {
      @Override default SendPilotParticipantJoinRule toRule() {
        return new SendPilotParticipantJoinRule(this);
      }
    }
  }

  /**
   * Turns {@code rows ⋈ messages} on the messages' {@code account_id} and
   * {@code conversation_id} into a {@link SendPilotMessageLookup}: messages are read only for the
   * conversations the outer rows name. The messages input's filter and projection, and the
   * whole join condition, are applied above the lookup.
   */
  public static final class SendPilotMessageLookupRule
      extends RelRule<SendPilotMessageLookupRule.SendPilotMessageLookupRuleConfig> {
    /** One rule per shape of the messages input. */
    static final List<SendPilotMessageLookupRule> INSTANCES = instances();

    SendPilotMessageLookupRule(SendPilotMessageLookupRuleConfig config) {
      super(config);
    }

    private static List<SendPilotMessageLookupRule> instances() {
      List<SendPilotMessageLookupRule> rules = new ArrayList<>();
      for (JoinInput.Shape right : JoinInput.Shape.values()) {
        rules.add(ImmutableSendPilotMessageLookupRuleConfig.builder()
            .withDescription("SendPilotMessageLookupRule(" + right + ")")
            .withOperandSupplier(b0 -> b0.operand(LogicalJoin.class)
                .predicate(j -> j.getJoinType() == JoinRelType.INNER)
                .inputs(b1 -> b1.operand(RelNode.class).anyInputs(), right.operand()))
            .build()
            .toRule());
      }
      return List.copyOf(rules);
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalJoin join = call.rel(0);
      JoinInput right = JoinInput.of(call.getRelList(), 2);
      ScanSpec spec = right.scan().scanSpec();
      if (right.scan().sendPilotTable().kind() != SendPilotTableKind.MESSAGES
          || spec.accounts() != null || spec.conversations() != null || spec.limit() != null) {
        return;
      }
      int leftCount = join.getLeft().getRowType().getFieldCount();
      RexBuilder rexBuilder = join.getCluster().getRexBuilder();
      List<RexNode> rightOutputs = right.outputs(0, rexBuilder);
      JoinInfo info = join.analyzeCondition();
      int account = -1;
      int conversation = -1;
      for (IntPair pair : info.pairs()) {
        RexNode output = rightOutputs.get(pair.target);
        if (!(output instanceof RexInputRef)) {
          continue;
        }
        int column = ((RexInputRef) output).getIndex();
        if (column == SendPilotTableKind.MESSAGE_ACCOUNT_ID_COLUMN) {
          account = pair.source;
        } else if (column == SendPilotTableKind.MESSAGE_CONVERSATION_ID_COLUMN) {
          conversation = pair.source;
        }
      }
      if (account < 0 || conversation < 0) {
        return;
      }
      RelNode left = convert(join.getLeft(),
          join.getLeft().getTraitSet().replace(EnumerableConvention.INSTANCE));
      RelDataType rowType = SqlValidatorUtil.deriveJoinRowType(join.getLeft().getRowType(),
          right.scan().getRowType(), JoinRelType.INNER, join.getCluster().getTypeFactory(),
          null, List.of());
      RelNode lookup = new SendPilotMessageLookup(join.getCluster(),
          join.getCluster().traitSetOf(EnumerableConvention.INSTANCE), left,
          right.scan().sendPilotTable(), account, conversation, rowType);
      RelBuilder builder = call.builder().push(lookup);
      RexNode rightCondition = right.condition(leftCount);
      if (rightCondition != null) {
        builder.filter(rightCondition);
      }
      List<RexNode> outputs = new ArrayList<>(builder.fields(ImmutableBitSet.range(leftCount)));
      outputs.addAll(right.outputs(leftCount, rexBuilder));
      builder.project(outputs, join.getRowType().getFieldNames(), true);
      builder.filter(join.getCondition());
      call.transformTo(builder.build());
    }

    /** Rule configuration. */
    @Value.Immutable(singleton = false)
    public interface SendPilotMessageLookupRuleConfig extends RelRule.Config {
      @Override default SendPilotMessageLookupRule toRule() {
        return new SendPilotMessageLookupRule(this);
      }
    }
  }

  /**
   * Offers, for an enumerable operator whose result does not depend on the order of its inputs
   * (projections, filters, hash and nested-loop joins, window functions), a variant that asks
   * its inputs for no order and promises none. Calcite derives these operators from logical
   * ones that inherit the scan's order, so without it they would always ask for the order; with
   * it (and the converter's cheaper variant without order) a scan reads several accounts as
   * pages arrive, and skips the order check, wherever nothing above needs the order.
   */
  public static final class OrderFreeInputsRule
      extends RelRule<OrderFreeInputsRule.OrderFreeInputsRuleConfig> {
    static final OrderFreeInputsRule INSTANCE = ImmutableOrderFreeInputsRuleConfig.builder()
        .withOperandSupplier(b0 -> b0.operand(EnumerableRel.class)
            .predicate(OrderFreeInputsRule::asksForOrder)
            .anyInputs())
        .build()
        .toRule();

    private static final List<Class<? extends EnumerableRel>> ORDER_FREE = List.of(
        EnumerableProject.class, EnumerableFilter.class, EnumerableCalc.class,
        EnumerableHashJoin.class, EnumerableNestedLoopJoin.class, EnumerableWindow.class);

    OrderFreeInputsRule(OrderFreeInputsRuleConfig config) {
      super(config);
    }

    private static boolean asksForOrder(EnumerableRel rel) {
      return ORDER_FREE.stream().anyMatch(c -> c.isInstance(rel))
          && rel.getInputs().stream().anyMatch(input -> hasOrder(input.getTraitSet()));
    }

    @Override public void onMatch(RelOptRuleCall call) {
      RelNode rel = call.rel(0);
      List<RelNode> inputs = new ArrayList<>();
      for (RelNode input : rel.getInputs()) {
        inputs.add(convert(input, input.getTraitSet().replace(RelCollations.EMPTY)));
      }
      call.transformTo(rel.copy(rel.getTraitSet().replace(RelCollations.EMPTY), inputs));
    }

    /** Rule configuration. */
    @Value.Immutable(singleton = false)
    public interface OrderFreeInputsRuleConfig extends RelRule.Config {
      @Override default OrderFreeInputsRule toRule() {
        return new OrderFreeInputsRule(this);
      }
    }
  }

  /**
   * Offers, for a hash or nested-loop join, a variant over its left input in an order that
   * input can come in: such a join streams its left input and keeps its order, so an ORDER BY
   * on the left side's columns (the API's {@code last_activity_at DESC} of a conversations scan
   * joined to a CRM table, say) needs no sort, and a LIMIT above stops the scan early. Calcite
   * would otherwise keep the order the logical join had, which is none.
   */
  public static final class OrderedProbeSideRule
      extends RelRule<OrderedProbeSideRule.OrderedProbeSideRuleConfig> {
    static final OrderedProbeSideRule INSTANCE = ImmutableOrderedProbeSideRuleConfig.builder()
        .withOperandSupplier(b0 -> b0.operand(Join.class)
            .predicate(join -> (join instanceof EnumerableHashJoin
                || join instanceof EnumerableNestedLoopJoin)
                && !hasOrder(join.getLeft().getTraitSet()))
            .inputs(b1 -> b1.operand(RelNode.class)
                .predicate(left -> hasOrder(left.getTraitSet())
                    && left.getTraitSet().getTraits(RelCollationTraitDef.INSTANCE).size() == 1)
                .anyInputs()))
        .build()
        .toRule();

    OrderedProbeSideRule(OrderedProbeSideRuleConfig config) {
      super(config);
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Join join = call.rel(0);
      RelNode orderedLeft = convert(join.getLeft(), call.rel(1).getTraitSet());
      RelMetadataQuery mq = call.getMetadataQuery();
      List<RelCollation> order = join instanceof EnumerableHashJoin
          ? RelMdCollation.enumerableHashJoin(mq, orderedLeft, join.getRight(),
              join.getJoinType())
          : RelMdCollation.enumerableNestedLoopJoin(mq, orderedLeft, join.getRight(),
              join.getJoinType());
      if (order == null || order.isEmpty()) {
        return;
      }
      call.transformTo(join.copy(join.getTraitSet().replace(order.get(0)),
          List.of(orderedLeft, join.getRight())));
    }

    /** Rule configuration. */
    @Value.Immutable(singleton = false)
    public interface OrderedProbeSideRuleConfig extends RelRule.Config {
      @Override default OrderedProbeSideRule toRule() {
        return new OrderedProbeSideRule(this);
      }
    }
  }

  /**
   * Calcite's {@link EnumerableMergeUnionRule}, declining for a UNION DISTINCT under a LIMIT.
   * Calcite 1.42's rule hands the LIMIT to each input of the union, but the first n rows of an
   * input may hold fewer than n distinct ones, so rows of the answer are lost (no upstream report
   * found). Replaces Calcite's rule in the driver's planner ({@link SendPilotPrepare}); check at
   * each Calcite upgrade whether it is still needed (README, "Limits").
   */
  public static final class DistinctSafeMergeUnionRule extends EnumerableMergeUnionRule {
    static final DistinctSafeMergeUnionRule INSTANCE = new DistinctSafeMergeUnionRule(
        EnumerableMergeUnionRule.Config.DEFAULT_CONFIG
            .withDescription("SendPilotMergeUnionRule")
            .as(EnumerableMergeUnionRule.Config.class));

    DistinctSafeMergeUnionRule(EnumerableMergeUnionRule.Config config) {
      super(config);
    }

    @Override public boolean matches(RelOptRuleCall call) {
      Sort sort = call.rel(0);
      Union union = call.rel(1);
      return (union.all || sort.fetch == null) && super.matches(call);
    }
  }
}
