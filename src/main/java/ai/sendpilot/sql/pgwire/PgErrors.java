package ai.sendpilot.sql.pgwire;

import java.sql.SQLException;

/** The SQLState a driver error is reported with: the driver's, PostgreSQL's where they differ. */
final class PgErrors {
  /** PostgreSQL's {@code query_canceled}, for a cancel and a statement timeout alike. */
  static final String QUERY_CANCELED = "57014";
  static final String INTERNAL_ERROR = "XX000";

  private PgErrors() {
  }

  static String sqlState(SQLException e) {
    String state = e.getSQLState();
    if (state == null || state.length() != 5) {
      return INTERNAL_ERROR;
    }
    return switch (state) {
      case "HY008", "HYT00" -> QUERY_CANCELED;
      default -> state;
    };
  }

  /** The message: the driver's, which already says what failed and what to do. */
  static String message(SQLException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
