package ai.sendpilot.sql.server;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta.ExecuteResult;
import org.apache.calcite.avatica.Meta.MetaResultSet;
import org.apache.calcite.avatica.Meta.Signature;

/**
 * Result columns as Avatica's client reads them. JDBC's {@code getPrecision} of a time or
 * timestamp column is its display length (23 for {@code 2026-11-01 11:59:24.476}), but Avatica's
 * client takes the precision for the digits of the fraction and would print
 * {@code 11:59:24.47600000000000000000000}; the signature sent to clients carries the fraction's
 * digits instead, so that {@code getString} answers as the embedded driver does.
 */
final class ClientSignatures {
  /** {@code yyyy-mm-dd hh:mm:ss} and the point before a fraction. */
  private static final int TIMESTAMP_SECONDS = 20;
  /** {@code hh:mm:ss} and the point. */
  private static final int TIME_SECONDS = 9;
  private static final int MAX_FRACTION = 9;

  private ClientSignatures() {
  }

  static ExecuteResult of(ExecuteResult result) {
    List<MetaResultSet> sets = new ArrayList<>(result.resultSets.size());
    for (MetaResultSet set : result.resultSets) {
      sets.add(set.signature == null ? set : MetaResultSet.create(set.connectionId,
          set.statementId, set.ownStatement, of(set.signature), set.firstFrame,
          set.updateCount));
    }
    return new ExecuteResult(sets);
  }

  static Signature of(Signature signature) {
    if (signature == null || signature.columns == null) {
      return signature;
    }
    List<ColumnMetaData> columns = new ArrayList<>(signature.columns.size());
    boolean changed = false;
    for (ColumnMetaData column : signature.columns) {
      int precision = fractionDigits(column);
      changed |= precision != column.precision;
      columns.add(precision == column.precision ? column : new ColumnMetaData(column.ordinal,
          column.autoIncrement, column.caseSensitive, column.searchable, column.currency,
          column.nullable, column.signed, column.displaySize, column.label, column.columnName,
          column.schemaName, precision, column.scale, column.tableName, column.catalogName,
          column.type, column.readOnly, column.writable, column.definitelyWritable,
          column.columnClassName));
    }
    return changed ? new Signature(columns, signature.sql, signature.parameters,
        signature.internalParameters, signature.cursorFactory, signature.statementType)
        : signature;
  }

  private static int fractionDigits(ColumnMetaData column) {
    if (column.type == null) {
      return column.precision;
    }
    int seconds = switch (column.type.id) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_SECONDS;
      case Types.TIME, Types.TIME_WITH_TIMEZONE -> TIME_SECONDS;
      default -> -1;
    };
    if (seconds < 0 || column.precision < seconds - 1) {
      return column.precision;
    }
    return Math.min(MAX_FRACTION, Math.max(0, column.precision - seconds));
  }
}
