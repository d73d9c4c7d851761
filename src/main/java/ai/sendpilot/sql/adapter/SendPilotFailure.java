package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.client.SendPilotApiException;
import ai.sendpilot.sql.client.SendPilotCancelledException;
import ai.sendpilot.sql.scan.QueryMemoryException;

/**
 * What a SendPilot failure among an exception's causes means to a SQL caller: its kind and the
 * message worth showing.
 *
 * @param kind what went wrong
 * @param message the API's or the scan's own message
 */
public record SendPilotFailure(Kind kind, String message) {
  /** What went wrong. */
  public enum Kind {
    /** The query timeout passed. */
    TIMED_OUT,
    /** The statement was cancelled or closed. */
    CANCELLED,
    /** The query would take more memory than its budget. */
    MEMORY_BUDGET,
    /** The API refused the key (HTTP 401 or 403). */
    KEY_REJECTED,
    /** No response arrived. */
    NO_RESPONSE,
    /** The API answered with another error. */
    API_ERROR
  }

  /** The SendPilot failure among {@code t} and its causes, or null when SendPilot is not one. */
  public static SendPilotFailure of(Throwable t) {
    QueryMemoryException memory = Causes.find(t, QueryMemoryException.class);
    if (memory != null) {
      return new SendPilotFailure(Kind.MEMORY_BUDGET, memory.getMessage());
    }
    SendPilotCancelledException stopped = Causes.find(t, SendPilotCancelledException.class);
    SendPilotApiException api = Causes.find(t, SendPilotApiException.class);
    if (stopped != null) {
      return new SendPilotFailure(stopped.timedOut() ? Kind.TIMED_OUT : Kind.CANCELLED,
          api != null ? api.getMessage() : stopped.getMessage());
    }
    if (api == null) {
      return null;
    }
    if (api.status() == 401 || api.status() == 403) {
      return new SendPilotFailure(Kind.KEY_REJECTED, api.getMessage());
    }
    return new SendPilotFailure(api.status() == 0 ? Kind.NO_RESPONSE : Kind.API_ERROR,
        api.getMessage());
  }
}
