package ai.sendpilot.sql.pgwire;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One column of a RowDescription.
 *
 * @param name the column's label
 * @param tableOid the table's OID, 0 when not a table column (or not known)
 * @param attributeNumber the column's number in its table, 0 when the table is 0
 * @param type the type sent
 * @param typeModifier PostgreSQL's {@code atttypmod}: length + 4, packed precision and scale,
 *     or -1
 */
record PgColumn(String name, int tableOid, int attributeNumber, PgType type, int typeModifier) {
  /** PostgreSQL's largest declared varchar length. */
  private static final int MAX_VARCHAR = 10_485_760;

  static List<PgColumn> of(ResultSetMetaData metaData) throws SQLException {
    List<PgColumn> columns = new ArrayList<>();
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      PgType type = PgType.ofJdbc(metaData.getColumnType(i));
      columns.add(new PgColumn(metaData.getColumnLabel(i), 0, 0, type,
          modifier(type, metaData.getPrecision(i), metaData.getScale(i))));
    }
    return List.copyOf(columns);
  }

  static int modifier(PgType type, int precision, int scale) {
    return switch (type) {
      case VARCHAR, BPCHAR -> precision > 0 && precision <= MAX_VARCHAR ? precision + 4 : -1;
      case NUMERIC -> precision > 0 && precision <= 1000 && scale >= 0 && scale <= precision
          ? ((precision << 16) | scale) + 4 : -1;
      default -> -1;
    };
  }
}
