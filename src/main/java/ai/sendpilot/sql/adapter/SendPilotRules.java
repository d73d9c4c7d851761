package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.AccountFilter;
import ai.sendpilot.sql.scan.PushedValue;
import ai.sendpilot.sql.scan.RowLimit;
import ai.sendpilot.sql.scan.ScanSpec;
import ai.sendpilot.sql.scan.SendPilotTableKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableMergeUnionRule;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.immutables.value.Value;

/** Rules that push account predicates and LIMIT into {@link SendPilotRel#CONVENTION}. */
public final class SendPilotRules {
  private SendPilotRules() {
  }

  /** The pushdown rules; the converter rule is registered beside them. */
  static final List<RelOptRule> RULES = List.of(
      SendPilotFilterRule.INSTANCE,
      SendPilotLimitRule.INSTANCE,
      SendPilotNewestFirstRule.INSTANCE);

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
        Optional<AccountFilter> ids = AccountPredicates.accountsOf(conjunct, rexBuilder);
        if (ids.isPresent()) {
          pushed.add(conjunct);
          accounts = accounts == null ? ids.get() : accounts.and(ids.get());
        } else {
          kept.add(conjunct);
        }
      }
      if (accounts == null) {
        return;
      }
      RelNode newInput = convert(input, input.getTraitSet().replace(SendPilotRel.CONVENTION));
      RelNode result = new SendPilotFilter(filter.getCluster(),
          filter.getTraitSet().replace(SendPilotRel.CONVENTION), newInput,
          RexUtil.composeConjunction(rexBuilder, pushed), input.sendPilotTable(),
          input.scanSpec().withAccounts(accounts));
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

    @Override public void onMatch(RelOptRuleCall call) {
      EnumerableLimit limit = call.rel(0);
      SendPilotToEnumerableConverter converter = call.rel(1);
      ScanSpec spec = converter.scanSpec();
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
   * Answers {@code ORDER BY last_activity_at DESC} over a conversations scan with a
   * {@link SendPilotSort}: the API serves each account newest activity first, so the rows need
   * only a merge, not a sort, and a LIMIT above can then be pushed too. Declines for any other
   * ordering, when a limit is already below (the first rows of several accounts read one after
   * another are not the newest), and when the table's {@code nativeOrder} is off.
   */
  public static final class SendPilotNewestFirstRule
      extends RelRule<SendPilotNewestFirstRule.SendPilotNewestFirstRuleConfig> {
    static final SendPilotNewestFirstRule INSTANCE =
        ImmutableSendPilotNewestFirstRuleConfig.builder()
            .withOperandSupplier(b0 -> b0.operand(EnumerableSort.class)
                .predicate(sort -> sort.fetch == null && sort.offset == null)
                .oneInput(b1 -> b1.operand(SendPilotToEnumerableConverter.class)
                    .predicate(c -> c.sendPilotTable().nativeOrder()
                        && c.scanSpec().limit() == null && !c.scanSpec().newestFirst())
                    .anyInputs()))
            .build()
            .toRule();

    SendPilotNewestFirstRule(SendPilotNewestFirstRuleConfig config) {
      super(config);
    }

    @Override public boolean matches(RelOptRuleCall call) {
      EnumerableSort sort = call.rel(0);
      List<RelFieldCollation> keys = sort.getCollation().getFieldCollations();
      if (keys.size() != 1) {
        return false;
      }
      RelFieldCollation key = keys.get(0);
      return key.getDirection().isDescending()
          && sort.getRowType().getFieldNames().get(key.getFieldIndex())
              .equals(SendPilotTableKind.LAST_ACTIVITY_AT);
    }

    @Override public void onMatch(RelOptRuleCall call) {
      EnumerableSort sort = call.rel(0);
      SendPilotToEnumerableConverter converter = call.rel(1);
      RelNode input = converter.getInput();
      call.transformTo(new SendPilotSort(sort.getCluster(),
          input.getTraitSet().replace(sort.getCollation()), input, sort.getCollation(),
          converter.sendPilotTable(), converter.scanSpec().withNewestFirst()));
    }

    /** Rule configuration. */
    @Value.Immutable(singleton = false)
    public interface SendPilotNewestFirstRuleConfig extends RelRule.Config {
      @Override default SendPilotNewestFirstRule toRule() {
        return new SendPilotNewestFirstRule(this);
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
