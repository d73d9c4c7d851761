package ai.sendpilot.sql.server;

import java.time.Duration;

/**
 * What one user and one connection may hold on the server.
 *
 * @param connectionsPerUser open connections per user
 * @param statementsPerConnection open statements per connection
 * @param idleTimeout how long an unused connection or statement stays open
 */
record SessionLimits(int connectionsPerUser, int statementsPerConnection, Duration idleTimeout) {
  SessionLimits {
    if (connectionsPerUser < 1 || statementsPerConnection < 1) {
      throw new IllegalArgumentException("connection and statement limits must be at least 1");
    }
    if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the idle timeout must be at least 1 s");
    }
  }
}
