package ai.sendpilot.sql.pgwire;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the PostgreSQL endpoint is started with.
 *
 * @param bind the address to listen on
 * @param port the TCP port; 0 for any free one
 * @param usersFile {@code user: password} lines (Jetty's format) checked by SCRAM-SHA-256, or
 *     null to trust every client (only on loopback, as {@code --no-auth})
 * @param keystore the TLS keystore (PKCS12 or JKS) answering SSLRequest, or null for none
 * @param keystorePassword the keystore's and its key's password, or null
 * @param connectionsPerUser authenticated sessions per user
 * @param maxConnections authenticated sessions in all
 * @param statementsPerConnection named statements and portals per session
 * @param idleTimeout how long a session may wait for its client between queries
 * @param startupTimeout how long a client may take from connecting to being authenticated
 * @param maxMessageBytes the longest message an authenticated client may send
 */
public record PgEndpointConfig(InetAddress bind, int port, Path usersFile, Path keystore,
    String keystorePassword, int connectionsPerUser, int maxConnections,
    int statementsPerConnection, Duration idleTimeout, Duration startupTimeout,
    int maxMessageBytes) {
  /** PostgreSQL's own default for the time a client has to authenticate is 60 s. */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);
  /** Large enough for any SQL a tool generates, small enough to bound a session's memory. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 << 20;

  public PgEndpointConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--pg-port must be 0..65535, got " + port);
    }
    if (usersFile == null && !bind.isLoopbackAddress()) {
      throw new IllegalArgumentException("the PostgreSQL endpoint trusts every client only on a"
          + " loopback address: give --users FILE");
    }
    if ((keystore == null) != (keystorePassword == null)) {
      throw new IllegalArgumentException("a keystore goes with its password");
    }
    if (connectionsPerUser < 1 || maxConnections < 1 || statementsPerConnection < 1
        || maxMessageBytes < 1024) {
      throw new IllegalArgumentException("PostgreSQL endpoint limits must be positive");
    }
  }
}
