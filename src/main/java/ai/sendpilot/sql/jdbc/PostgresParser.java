package ai.sendpilot.sql.jdbc;

import java.io.Reader;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.util.SourceStringReader;

/**
 * Calcite's Babel parser (PostgreSQL's {@code ::} casts, reserved words as aliases, …) whose
 * statements are then given PostgreSQL's meaning where Calcite's differs
 * ({@link PostgresRewrite}). The {@code postgresql} dialect's {@code parserFactory}.
 */
public final class PostgresParser extends SqlBabelParserImpl {
  /** The factory Calcite's {@code parserFactory} property names. */
  public static final SqlParserImplFactory FACTORY = new SqlParserImplFactory() {
    @Override public SqlAbstractParserImpl getParser(Reader stream) {
      if (stream instanceof SourceStringReader) {
        String sql = PostgresIntervals.rewrite(((SourceStringReader) stream).getSourceString());
        PostgresParser parser = new PostgresParser(new SourceStringReader(sql));
        parser.setOriginalSql(sql);
        return parser;
      }
      return new PostgresParser(stream);
    }
  };

  private PostgresParser(Reader reader) {
    super(reader);
  }

  @Override public SqlNode parseSqlStmtEof() throws Exception {
    return PostgresRewrite.rewrite(super.parseSqlStmtEof());
  }

  @Override public SqlNodeList parseSqlStmtList() throws Exception {
    SqlNodeList statements = super.parseSqlStmtList();
    SqlNodeList rewritten = new SqlNodeList(statements.getParserPosition());
    statements.forEach(statement -> rewritten.add(PostgresRewrite.rewrite(statement)));
    return rewritten;
  }

  @Override public SqlNode parseSqlExpressionEof() throws Exception {
    return PostgresRewrite.rewrite(super.parseSqlExpressionEof());
  }
}
