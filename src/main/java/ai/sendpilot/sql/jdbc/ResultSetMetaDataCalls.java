package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.adapter.InboxCatalog;
import java.lang.reflect.Method;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Display sizes, precisions and scales of result columns as JDBC defines them
 * ({@link ColumnType}); Calcite gives a TIMESTAMP(3) a display size of 3 and an unbounded
 * VARCHAR none. An inbox column's text length is its declared one. In the {@code postgresql}
 * dialect a column's name is its label (its alias), as PostgreSQL's JDBC driver answers.
 */
final class ResultSetMetaDataCalls implements OwnCalls {
  private final ResultSetMetaData target;
  private final Session session;

  ResultSetMetaDataCalls(ResultSetMetaData target, Session session) {
    this.target = target;
    this.session = session;
  }

  @Override public Object call(Method method, Object[] args) throws SQLException {
    if (args == null || args.length != 1 || !(args[0] instanceof Integer)) {
      return PASS;
    }
    int column = (Integer) args[0];
    if (method.getName().equals("getColumnName")
        && Dialect.of(session.calcite()) == Dialect.POSTGRESQL) {
      // PostgreSQL's JDBC driver names a column by its label; tools key their columns on it.
      return target.getColumnLabel(column);
    }
    Integer answer = switch (method.getName()) {
      case "getColumnDisplaySize" -> type(column).displaySize();
      case "getPrecision" -> type(column).resultPrecision();
      case "getScale" -> type(column).resultScale();
      default -> null;
    };
    return answer == null ? PASS : answer;
  }

  private ColumnType type(int column) throws SQLException {
    ColumnType type = new ColumnType(target.getColumnType(column),
        target.getColumnTypeName(column), target.getPrecision(column), target.getScale(column),
        0);
    if (!type.isText() || type.precision() > 0) {
      return type;
    }
    String name = target.getColumnName(column);
    int textLength = new CatalogView(session.calcite())
        .table(target.getSchemaName(column), target.getTableName(column))
        .flatMap(CatalogView.TableRef::docs)
        .flatMap(docs -> docs.column(name))
        .map(InboxCatalog.Column::maxLength).orElse(0);
    return new ColumnType(type.jdbcType(), type.typeName(), type.precision(), type.scale(),
        textLength);
  }
}
