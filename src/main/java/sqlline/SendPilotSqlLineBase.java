package sqlline;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Set;

/**
 * sqlline with two package-private behaviours replaced, for {@code ./sqlline}: every SQL
 * exception and warning goes to {@link #handleException}, which subclasses override (sqlline
 * prints each warning and failure of its start-up, the connection and the statements of
 * {@code -e} and {@code -f}, with a stack trace); and {@code --outputformat=csv} writes
 * {@link Rfc4180Csv}. A subclass's {@code handleException} must not call sqlline's own for an
 * {@link SQLException}, which would come back here.
 */
public abstract class SendPilotSqlLineBase extends SqlLine {
  private static final Set<Integer> TEXT_TYPES = Set.of(Types.CHAR, Types.VARCHAR,
      Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB,
      Types.NCLOB);

  @Override void handleSQLException(SQLException e) {
    handleException(e);
  }

  @Override int print(ResultSet rs, DispatchCallback callback) throws SQLException {
    if (!"csv".equals(getOpts().getOutputFormat())) {
      return super.print(rs, callback);
    }
    Rows rows = getOpts().getIncremental() ? new IncrementalRows(this, rs, callback)
        : new BufferedRows(this, rs);
    return new Rfc4180Csv(this, getOpts().getCsvDelimiter(), getOpts().getCsvQuoteCharacter(),
        textColumns(rs.getMetaData()), getOpts().isDefault(BuiltInProperty.NULL_VALUE))
        .print(rows);
  }

  private static boolean[] textColumns(ResultSetMetaData metaData) throws SQLException {
    boolean[] text = new boolean[metaData.getColumnCount()];
    for (int i = 0; i < text.length; i++) {
      text[i] = TEXT_TYPES.contains(metaData.getColumnType(i + 1));
    }
    return text;
  }
}
