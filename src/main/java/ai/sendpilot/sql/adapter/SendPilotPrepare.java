package ai.sendpilot.sql.adapter;

import java.lang.reflect.Type;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.Program;

/**
 * Prepares the statements of the driver's connections as Calcite does, with work-arounds for
 * Calcite 1.42 faults that give wrong rows or planner crashes (README, "Limits"): SQL is
 * converted and trimmed with {@link SendPilotRelBuilder}, optimized by
 * {@link SendPilotProgram}, and planned without Calcite's merge-union rule's LIMIT fault
 * ({@link SendPilotRules.DistinctSafeMergeUnionRule}). Only the driver's own connections use
 * it; other Calcite users in the JVM are not affected. {@code CURRENT_SCHEMA}, which Calcite
 * validates but cannot implement, becomes the statement's default schema. String functions
 * that can make huge values are bounded by the connection's memory budget
 * ({@link StringBudgets}).
 */
public final class SendPilotPrepare extends CalcitePrepareImpl {
  private final SqlRexConvertletTable convertlets;

  /** Calcite's preparation with the driver's work-arounds. */
  public SendPilotPrepare() {
    this(call -> null);
  }

  /**
   * The same, with {@code dialect}'s convertlets ahead of Calcite's (those for which it
   * answers null stay Calcite's).
   */
  public SendPilotPrepare(SqlRexConvertletTable dialect) {
    this.convertlets = call -> {
      if (call.getOperator() == SqlStdOperatorTable.CURRENT_SCHEMA) {
        return SendPilotPrepare::currentSchema;
      }
      SqlRexConvertlet own = dialect.get(call);
      return own != null ? own : StandardConvertletTable.INSTANCE.get(call);
    };
  }

  private static RexNode currentSchema(SqlRexContext cx, SqlCall c) {
    List<List<String>> paths = cx.getValidator().getCatalogReader().getSchemaPaths();
    List<String> first = paths.isEmpty() ? List.of() : paths.get(0);
    String schema = first.isEmpty() ? "" : first.get(first.size() - 1);
    RexBuilder rex = cx.getRexBuilder();
    return rex.makeCast(cx.getValidator().getValidatedNodeType(c), rex.makeLiteral(schema));
  }

  /**
   * The dialect's convertlets, Calcite's, {@code CURRENT_SCHEMA} as the default schema, and
   * string functions bounded by the default memory budget.
   */
  @Override protected SqlRexConvertletTable createConvertletTable() {
    return StringBudgets.bounded(convertlets, QueryGuard.limits((CalciteSchema) null)
        .memoryBytes());
  }

  @Override protected List<Function1<Context, RelOptPlanner>> createPlannerFactories() {
    return List.of(context -> {
      RelOptPlanner planner = createPlanner(context);
      if (planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_UNION_RULE)) {
        planner.addRule(SendPilotRules.DistinctSafeMergeUnionRule.INSTANCE);
      }
      return planner;
    });
  }

  @Override protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY
        : EnumerableRel.Prefer.CUSTOM;
    Convention convention = enableBindable ? BindableConvention.INSTANCE
        : EnumerableConvention.INSTANCE;
    long memoryBudget = QueryGuard.limits(
        context.getRootSchema().getSubSchema(SendPilotSchema.NAME, false)).memoryBytes();
    return new PreparingStmt(this, context, catalogReader, typeFactory, context.getRootSchema(),
        prefer, createCluster(planner, new RexBuilder(typeFactory)), convention,
        StringBudgets.bounded(convertlets, memoryBudget));
  }

  /** Calcite's preparing statement with the driver's RelBuilder and program. */
  private static final class PreparingStmt extends CalcitePreparingStmt {
    PreparingStmt(CalcitePrepareImpl prepare, Context context, CatalogReader catalogReader,
        RelDataTypeFactory typeFactory, CalciteSchema schema, EnumerableRel.Prefer prefer,
        RelOptCluster cluster, Convention resultConvention,
        SqlRexConvertletTable convertletTable) {
      super(prepare, context, catalogReader, typeFactory, schema, prefer, cluster,
          resultConvention, convertletTable);
    }

    @Override protected SqlToRelConverter getSqlToRelConverter(SqlValidator validator,
        CatalogReader catalogReader, SqlToRelConverter.Config config) {
      return super.getSqlToRelConverter(validator, catalogReader,
          config.withRelBuilderFactory(SendPilotRelBuilder.FACTORY));
    }

    @Override protected RelNode decorrelate(SqlToRelConverter converter, SqlNode query,
        RelNode rootRel) {
      return super.decorrelate(converter, query, CorrelatedLimits.withExplicitOffsets(rootRel));
    }

    @Override protected Program getProgram() {
      return SendPilotProgram.standard();
    }
  }
}
