package ai.sendpilot.sql.differential;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a result set into rows of comparable values, whichever database produced it: exact
 * numbers as {@link BigDecimal} without trailing zeros, floating ones to 12 digits, timestamps
 * as {@link LocalDateTime}, the rest as strings; SQL NULL as null.
 */
final class ResultRows {
  private ResultRows() {
  }

  static List<List<Object>> read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int columns = md.getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(columns);
      for (int i = 1; i <= columns; i++) {
        row.add(value(rs, i, md.getColumnType(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  private static Object value(ResultSet rs, int column, int type) throws SQLException {
    String text = rs.getString(column);
    if (text == null) {
      return null;
    }
    switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL,
          Types.NUMERIC:
        return new BigDecimal(text).stripTrailingZeros();
      case Types.REAL, Types.FLOAT, Types.DOUBLE:
        return new BigDecimal(text).round(new MathContext(12)).stripTrailingZeros();
      case Types.TIMESTAMP:
        return LocalDateTime.parse(text.replace(' ', 'T'));
      default:
        return text;
    }
  }
}
