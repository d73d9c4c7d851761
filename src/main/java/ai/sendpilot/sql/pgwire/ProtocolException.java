package ai.sendpilot.sql.pgwire;

/** A client broke the protocol: the session ends with this SQLState and message. */
final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** PostgreSQL's {@code protocol_violation}. */
  static final String PROTOCOL_VIOLATION = "08P01";

  private final String sqlState;

  ProtocolException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  ProtocolException(String message) {
    this(PROTOCOL_VIOLATION, message);
  }

  String sqlState() {
    return sqlState;
  }
}
