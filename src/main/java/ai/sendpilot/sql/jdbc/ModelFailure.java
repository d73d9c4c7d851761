package ai.sendpilot.sql.jdbc;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.sql.SQLException;

/**
 * Rewrites a failure to read the connection's model so that it shows nothing of the file:
 * Jackson quotes the token it could not read ({@code Unrecognized token 'sk_live_…'}) and a
 * snippet of the source, which may be any file's first secret. The rewritten message names the
 * model and the position only, and keeps no cause. Other failures of the model's schemas (a
 * JDBC driver or factory class missing) become an {@link SQLException} that names the class,
 * never an unchecked exception out of {@code getConnection}.
 */
final class ModelFailure {
  private static final String CANNOT_CONNECT = "08001";
  /** How Calcite's JDBC schema says it cannot load the driver class. */
  private static final String JDBC_DRIVER_MISSING = "Cannot load JDBC driver class ";

  private ModelFailure() {
  }

  /**
   * {@code failure} to connect as an {@link SQLException}: rewritten when reading the model
   * {@code model} (a path or an {@code inline:} model; null when none) failed on its JSON or
   * YAML, or described when making its schemas failed.
   */
  static SQLException withoutContent(Exception failure, String model) {
    if (model != null) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof JsonProcessingException) {
          return rewritten((JsonProcessingException) t, model, t == failure.getCause());
        }
      }
      if (failure.getCause() instanceof IOException) {
        // Calcite could not read the file at all; a file-not-found message is the path and why.
        IOException e = (IOException) failure.getCause();
        return new SQLException("Cannot connect to SendPilot: cannot read the model file: "
            + (e instanceof FileNotFoundException ? e.getMessage()
                : e.getClass().getSimpleName()), CANNOT_CONNECT);
      }
    }
    if (failure instanceof SQLException) {
      return (SQLException) failure;
    }
    return new SQLException("Cannot connect to SendPilot: " + schemaFailure(failure),
        CANNOT_CONNECT, failure);
  }

  /** What went wrong while the model's schemas were made. */
  private static String schemaFailure(Exception failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (t instanceof SQLException && message != null
          && message.startsWith(JDBC_DRIVER_MISSING)) {
        String driver = message.substring(JDBC_DRIVER_MISSING.length()).replace("'", "");
        return "the model's JDBC driver class " + driver + " is not on the class path; add its"
            + " jar beside the driver";
      }
      if (t instanceof ClassNotFoundException) {
        return "the model names the class " + message + ", which is not on the class path";
      }
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage()).strip().lines().findFirst().orElse("");
    return "the model's schemas could not be made: " + root.getClass().getSimpleName() + ": "
        + message;
  }

  private static SQLException rewritten(JsonProcessingException e, String model,
      boolean readingTheModel) {
    String what = model.startsWith("inline:") ? "the inline model" : "the model file '" + model
        + "'";
    String problem = e instanceof JsonParseException ? "is not valid JSON or YAML"
        : "is not a Calcite model";
    String message = readingTheModel ? what + " " + problem
        : "loading " + what + " failed on a file that is not valid JSON or YAML";
    JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      message += " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
    return new SQLException("Cannot connect to SendPilot: " + message, CANNOT_CONNECT);
  }
}
