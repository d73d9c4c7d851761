package ai.sendpilot.sql.pgwire;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens the driver connection behind one authenticated session. */
@FunctionalInterface
public interface ConnectionSource {
  /** A new connection for {@code user}, over the server's shared schema. */
  Connection open(String user) throws SQLException;
}
