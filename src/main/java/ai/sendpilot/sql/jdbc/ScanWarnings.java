package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.adapter.StatementWarnings;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.NoSuchStatementException;

/**
 * The warnings the scans of a statement raised ({@link StatementWarnings}), for
 * {@code Statement.getWarnings} and {@code ResultSet.getWarnings}: found by the statement's
 * cancel flag, which Calcite hands to every execution; cleared when the statement runs again.
 */
final class ScanWarnings {
  private ScanWarnings() {
  }

  /** Calcite's own warnings of {@code statement}, then the scans'. */
  static SQLWarning of(Statement statement, SQLWarning own) {
    AtomicBoolean flag = flagOf(statement);
    SQLWarning scans = flag == null ? null : StatementWarnings.of(flag);
    if (own == null) {
      return scans;
    }
    if (scans != null && !chains(own, scans)) {
      own.setNextWarning(scans);
    }
    return own;
  }

  static void clear(Statement statement) {
    AtomicBoolean flag = flagOf(statement);
    if (flag != null) {
      StatementWarnings.clear(flag);
    }
  }

  private static boolean chains(SQLWarning chain, SQLWarning warning) {
    for (SQLWarning w = chain; w != null; w = w.getNextWarning()) {
      if (w == warning) {
        return true;
      }
    }
    return false;
  }

  /** The cancel flag of {@code statement}, or null when it has none (closed, not Calcite's). */
  private static AtomicBoolean flagOf(Statement statement) {
    if (!(statement instanceof AvaticaStatement)) {
      return null;
    }
    AvaticaStatement avatica = (AvaticaStatement) statement;
    try {
      AvaticaConnection connection = avatica.getConnection();
      return connection == null ? null : connection.getCancelFlag(avatica.handle);
    } catch (NoSuchStatementException | SQLException e) {
      return null;
    }
  }
}
