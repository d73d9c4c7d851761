package ai.sendpilot.sql.server;

import ai.sendpilot.sql.config.LogText;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a remote client is told of a failed call: one line with the driver's own SQLState and
 * message, as the embedded driver gives them, and never a stack trace (the server logs that).
 */
final class RemoteErrors {
  /** SQL:2016's "query canceled", PostgreSQL's answer to a statement timeout. */
  static final String QUERY_CANCELED = "57014";
  /** "connection does not exist". */
  static final String NO_SUCH_CONNECTION = "08003";
  /** "invalid SQL statement name": no such statement on this connection. */
  static final String NO_SUCH_STATEMENT = "26000";
  /** "invalid authorization specification". */
  static final String BAD_LOGIN = "28000";
  private static final String INTERNAL = "XX000";

  private static final Logger LOG = LoggerFactory.getLogger(RemoteErrors.class);

  private RemoteErrors() {
  }

  /** The answer to a call that failed with {@code e}. */
  static ErrorResponse of(Exception e, RpcMetadataResponse metadata) {
    if (e instanceof AvaticaRuntimeException refusal) {
      return response(refusal.getErrorMessage(), refusal.getErrorCode(), refusal.getSqlState(),
          metadata);
    }
    if (e instanceof NoSuchConnectionException) {
      return response("No such connection: it was closed, or expired after being idle; connect"
          + " again", ErrorResponse.MISSING_CONNECTION_ERROR_CODE, NO_SUCH_CONNECTION, metadata);
    }
    if (e instanceof NoSuchStatementException) {
      return response("No such statement: it was closed, or expired after being idle; run it"
          + " again", ErrorResponse.UNKNOWN_ERROR_CODE, NO_SUCH_STATEMENT, metadata);
    }
    SQLException sql = sqlException(e);
    if (sql != null) {
      LOG.debug("call failed: {}", LogText.of(sql.getMessage()), e);
      return response(sql.getMessage(), sql.getErrorCode(), stateOf(sql), metadata);
    }
    LOG.warn("call failed unexpectedly: {}", LogText.of(e.getMessage()), e);
    return response("Internal error of the SendPilot server (" + e.getClass().getSimpleName()
        + "); the server's log has the details", ErrorResponse.UNKNOWN_ERROR_CODE, INTERNAL,
        metadata);
  }

  /** The SQLState a remote client gets for {@code e}: {@code 57014} for a query timeout. */
  static String stateOf(SQLException e) {
    if (e instanceof SQLTimeoutException) {
      return QUERY_CANCELED;
    }
    return e.getSQLState() == null ? INTERNAL : e.getSQLState();
  }

  /** A refusal the client sees as an {@code SQLException} with {@code sqlState}. */
  static AvaticaRuntimeException refusal(String message, String sqlState) {
    return new AvaticaRuntimeException(message, -1, sqlState, AvaticaSeverity.ERROR);
  }

  /** The first {@link SQLException} among {@code e} and its causes, or null. */
  static SQLException sqlException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static ErrorResponse response(String message, int code, String state,
      RpcMetadataResponse metadata) {
    return new ErrorResponse(List.of(), oneLine(message), code, state, AvaticaSeverity.ERROR,
        metadata);
  }

  private static String oneLine(String message) {
    return message == null ? "(no message)" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
