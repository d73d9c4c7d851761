package ai.sendpilot.sql.server;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * Which user owns each open connection and which statements each connection holds, held
 * against the {@link SessionLimits}. Connections and statements that were closed or expired are
 * forgotten the next time they are counted, so nothing needs to report a close.
 */
final class SessionTracker {
  /** SQL:2016's "server rejected establishment of SQL-connection". */
  private static final String CONNECTION_REJECTED = "08004";
  /** ODBC's "limit on the number of handles exceeded". */
  private static final String TOO_MANY_STATEMENTS = "HY014";

  private final SessionLimits limits;
  private final Predicate<String> connectionOpen;
  private final IntPredicate statementOpen;
  private final ServerMetrics metrics;
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  private final Map<String, Set<Integer>> statements = new ConcurrentHashMap<>();

  /**
   * A tracker.
   *
   * @param connectionOpen whether the connection of this id is still open
   * @param statementOpen whether the statement of this id is still open
   */
  SessionTracker(SessionLimits limits, Predicate<String> connectionOpen,
      IntPredicate statementOpen, ServerMetrics metrics) {
    this.limits = limits;
    this.connectionOpen = connectionOpen;
    this.statementOpen = statementOpen;
    this.metrics = metrics;
  }

  /** Runs {@code open} for {@code user}'s new connection if the user may open one more. */
  synchronized void openConnection(String user, String connectionId, Runnable open) {
    owners.keySet().removeIf(id -> !connectionOpen.test(id));
    statements.keySet().retainAll(owners.keySet());
    long held = owners.values().stream().filter(user::equals).count();
    if (held >= limits.connectionsPerUser()) {
      metrics.rejected();
      throw new AvaticaRuntimeException("User " + user + " already has " + held
          + " connections open, the most this server allows; close one, or wait until an idle"
          + " one is closed after " + limits.idleTimeout().toSeconds() + " s",
          -1, CONNECTION_REJECTED, AvaticaSeverity.ERROR);
    }
    open.run();
    owners.put(connectionId, user);
  }

  /** The user who opened the connection, or null when the server knows no such connection. */
  String owner(String connectionId) {
    return owners.get(connectionId);
  }

  void connectionClosed(String connectionId) {
    owners.remove(connectionId);
    statements.remove(connectionId);
  }

  /** Runs {@code open} if the connection may hold one more statement, and counts the result. */
  StatementHandle openStatement(String connectionId, Supplier<StatementHandle> open) {
    Set<Integer> held = statements.computeIfAbsent(connectionId, id -> new HashSet<>());
    synchronized (held) {
      held.removeIf(id -> !statementOpen.test(id));
      if (held.size() >= limits.statementsPerConnection()) {
        metrics.rejected();
        throw new AvaticaRuntimeException("This connection already has " + held.size()
            + " statements open, the most this server allows; close statements you no longer"
            + " need", -1, TOO_MANY_STATEMENTS, AvaticaSeverity.ERROR);
      }
      StatementHandle handle = open.get();
      held.add(handle.id);
      return handle;
    }
  }
}
