package ai.sendpilot.sql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.util.ArrayIteratorCursor;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * The rows of a {@code DatabaseMetaData} answer, made into a result set the way Avatica makes
 * its own: columns typed as JDBC specifies, values read by Avatica's accessors.
 */
final class MetaRows {
  private final List<ColumnMetaData> columns = new ArrayList<>();
  private final List<Object[]> rows = new ArrayList<>();

  /** Adds a column of values of {@code type} ({@code int.class}: never null). */
  MetaRows column(String name, Class<?> type) {
    columns.add(MetaImpl.columnMetaData(name, columns.size(), type, !type.isPrimitive()));
    return this;
  }

  /** Adds columns of text values. */
  MetaRows textColumns(String... names) {
    for (String name : names) {
      column(name, String.class);
    }
    return this;
  }

  /** Adds a row, one value per column in order. */
  MetaRows row(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(values.length + " values for " + columns.size()
          + " columns");
    }
    rows.add(values.clone());
    return this;
  }

  /** The rows as a result set of a statement of {@code connection}, closed with it. */
  ResultSet toResultSet(CalciteConnection connection) throws SQLException {
    AvaticaStatement statement = (AvaticaStatement) connection.createStatement();
    statement.closeOnCompletion();
    Meta.Signature signature = Meta.Signature.create(List.copyOf(columns), "", List.of(),
        Meta.CursorFactory.ARRAY, Meta.StatementType.SELECT);
    AvaticaResultSet rs = new AvaticaResultSet(statement, null, signature,
        new AvaticaResultSetMetaData(statement, null, signature),
        TimeZone.getTimeZone("UTC"), null);
    return rs.execute2(new ArrayIteratorCursor(List.copyOf(rows).iterator()), signature.columns);
  }
}
