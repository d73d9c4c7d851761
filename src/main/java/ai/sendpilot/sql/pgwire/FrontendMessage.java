package ai.sendpilot.sql.pgwire;

/**
 * One message from a client: its type byte ({@link #STARTUP} for the untyped packets of the
 * connection start) and its body without the length word.
 */
record FrontendMessage(char type, byte[] body) {
  /** The type of SSLRequest, GSSENCRequest, CancelRequest and StartupMessage. */
  static final char STARTUP = 0;

  MessageReader reader() {
    return new MessageReader(body, type);
  }
}
