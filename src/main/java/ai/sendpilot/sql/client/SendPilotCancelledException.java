package ai.sendpilot.sql.client;

/** A scan stopped because its statement was cancelled or its query timeout passed. */
public final class SendPilotCancelledException extends RuntimeException {
  private final boolean timedOut;

  public SendPilotCancelledException(String message) {
    this(message, false);
  }

  public SendPilotCancelledException(String message, boolean timedOut) {
    super(message);
    this.timedOut = timedOut;
  }

  /** Whether the query timeout passed, rather than the statement being cancelled. */
  public boolean timedOut() {
    return timedOut;
  }
}
