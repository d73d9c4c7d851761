package ai.sendpilot.sql.client;

/** A scan stopped because its statement was cancelled or its query timeout passed. */
public final class SendPilotCancelledException extends RuntimeException {
  public SendPilotCancelledException(String message) {
    super(message);
  }
}
