package ai.sendpilot.sql.jdbc;

import java.util.List;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's statement preparation, with {@code CURRENT_SCHEMA} answered: Calcite parses and
 * validates it but cannot implement it, so it becomes a constant, the statement's default
 * schema ({@code sendpilot} unless {@code setSchema} said otherwise).
 */
final class SendPilotPrepare extends CalcitePrepareImpl {
  private static final SqlRexConvertletTable CONVERTLETS = new SqlRexConvertletTable() {
    @Override public SqlRexConvertlet get(SqlCall call) {
      if (call.getOperator() == SqlStdOperatorTable.CURRENT_SCHEMA) {
        return (cx, c) -> {
          List<List<String>> paths = cx.getValidator().getCatalogReader().getSchemaPaths();
          List<String> first = paths.isEmpty() ? List.of() : paths.get(0);
          String schema = first.isEmpty() ? "" : first.get(first.size() - 1);
          RexBuilder rex = cx.getRexBuilder();
          return rex.makeCast(cx.getValidator().getValidatedNodeType(c), rex.makeLiteral(schema));
        };
      }
      return StandardConvertletTable.INSTANCE.get(call);
    }
  };

  @Override protected SqlRexConvertletTable createConvertletTable() {
    return CONVERTLETS;
  }
}
