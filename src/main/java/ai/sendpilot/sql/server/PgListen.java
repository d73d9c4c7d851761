package ai.sendpilot.sql.server;

/**
 * Where the PostgreSQL endpoint listens, beside the HTTP one.
 *
 * @param port the TCP port, 0 for any free one
 * @param maxConnections authenticated PostgreSQL sessions in all
 */
record PgListen(int port, int maxConnections) {
  PgListen {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--pg-port must be 0..65535, got " + port);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("--pg-max-connections must be at least 1");
    }
  }
}
