package ai.sendpilot.sql.server;

import ai.sendpilot.sql.config.LogText;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which user owns each open connection and which connection each statement belongs to, checked
 * on every call and held against the {@link SessionLimits}. Connections and statements that
 * were closed or expired are forgotten the next time they are counted.
 */
final class SessionTracker {
  /** SQL:2016's "server rejected establishment of SQL-connection". */
  private static final String CONNECTION_REJECTED = "08004";
  /** ODBC's "limit on the number of handles exceeded". */
  private static final String TOO_MANY_STATEMENTS = "HY014";
  private static final Logger LOG = LoggerFactory.getLogger(SessionTracker.class);

  /**
   * A statement's connection and the driver's statement behind it; a refused statement has no
   * driver statement, and its first use fails with the refusal.
   */
  record Held(String connectionId, Statement statement, boolean refused) {
  }

  private final SessionLimits limits;
  private final Predicate<String> connectionOpen;
  private final IntPredicate statementOpen;
  private final ServerMetrics metrics;
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  private final Map<Integer, Held> statements = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

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
    locks.keySet().retainAll(owners.keySet());
    long held = owners.values().stream().filter(user::equals).count();
    if (held >= limits.connectionsPerUser()) {
      metrics.rejected();
      throw RemoteErrors.refusal("User " + user + " already has " + held
          + " connections open, the most this server allows; close one, or wait until an idle"
          + " one is closed after " + limits.idleTimeout().toSeconds() + " s",
          CONNECTION_REJECTED);
    }
    open.run();
    owners.put(connectionId, user);
  }

  /** The user who opened the connection, or null when the server knows no such connection. */
  String owner(String connectionId) {
    return connectionId == null ? null : owners.get(connectionId);
  }

  /**
   * Fails unless {@code user} opened the connection {@code connectionId}, or the server knows
   * no such connection (the caller's lookup then fails as for any unknown id).
   */
  void checkConnection(String user, String connectionId, String call) {
    checkConnection(user, connectionId, null, call);
  }

  private void checkConnection(String user, String connectionId, Integer statementId,
      String call) {
    String owner = owner(connectionId);
    if (owner != null && !owner.equals(user)) {
      throw foreign(user, connectionId, statementId, call, RemoteErrors.NO_SUCH_CONNECTION,
          "No connection " + connectionId + " is open for user " + user);
    }
  }

  /**
   * Fails unless the statement of {@code h} belongs to {@code h}'s connection and that to
   * {@code user}.
   *
   * @throws NoSuchStatementException when the server knows no such statement
   */
  void checkStatement(String user, StatementHandle h, String call)
      throws NoSuchStatementException {
    if (h.connectionId == null || owner(h.connectionId) == null) {
      throw foreign(user, h.connectionId, h.id, call, RemoteErrors.NO_SUCH_CONNECTION,
          "No connection " + h.connectionId + " is open for user " + user);
    }
    checkConnection(user, h.connectionId, h.id, call);
    Held held = statements.get(h.id);
    if (held == null) {
      throw new NoSuchStatementException(h);
    }
    if (!held.connectionId().equals(h.connectionId)) {
      throw foreign(user, h.connectionId, h.id, call, RemoteErrors.NO_SUCH_STATEMENT,
          "Connection " + h.connectionId + " has no statement " + h.id);
    }
    if (held.refused()) {
      throw tooManyStatements();
    }
  }

  /** Whether the statement was refused when it was created; it holds nothing. */
  boolean refused(int statementId) {
    Held held = statements.get(statementId);
    return held != null && held.refused();
  }

  private AvaticaRuntimeException tooManyStatements() {
    return RemoteErrors.refusal("This connection already has "
        + limits.statementsPerConnection() + " statements open, the most this server allows;"
        + " close statements you no longer need", TOO_MANY_STATEMENTS);
  }

  private AvaticaRuntimeException foreign(String user, String connectionId, Integer statementId,
      String call, String sqlState, String message) {
    metrics.rejected();
    LOG.warn("refused call={} user={} connection={} statement={}: not the user's own",
        call, LogText.of(user), LogText.of(connectionId), statementId);
    return RemoteErrors.refusal(message, sqlState);
  }

  void connectionClosed(String connectionId) {
    owners.remove(connectionId);
    locks.remove(connectionId);
    statements.values().removeIf(held -> held.connectionId().equals(connectionId));
  }

  void statementClosed(int statementId) {
    statements.remove(statementId);
  }

  /** The driver's statements of the connection. */
  List<Statement> statementsOf(String connectionId) {
    List<Statement> of = new ArrayList<>();
    statements.values().forEach(held -> {
      if (held.connectionId().equals(connectionId) && held.statement() != null) {
        of.add(held.statement());
      }
    });
    return of;
  }

  /** The driver's statement behind {@code statementId}, or null. */
  Statement statement(int statementId) {
    Held held = statements.get(statementId);
    return held == null ? null : held.statement();
  }

  /**
   * Runs {@code open} if the connection may hold one more statement, and binds the statement to
   * it; {@code driverStatement} finds the driver's statement of the new handle. Past the limit
   * {@code refuse} is asked for a statement id that fails when first used, so that the refusal
   * reaches a client that cannot report a failed {@code createStatement} as an SQLException;
   * null fails at once.
   */
  StatementHandle openStatement(String connectionId, Supplier<StatementHandle> open,
      Function<StatementHandle, Statement> driverStatement, IntSupplier refuse) {
    if (owner(connectionId) == null) {
      return open.get();
    }
    synchronized (locks.computeIfAbsent(connectionId, id -> new Object())) {
      statements.entrySet().removeIf(e -> e.getValue().connectionId().equals(connectionId)
          && !e.getValue().refused() && !statementOpen.test(e.getKey()));
      long held = 0;
      long refused = 0;
      for (Held statement : statements.values()) {
        if (statement.connectionId().equals(connectionId)) {
          if (statement.refused()) {
            refused++;
          } else {
            held++;
          }
        }
      }
      if (held >= limits.statementsPerConnection()) {
        metrics.rejected();
        if (refuse == null || refused >= limits.statementsPerConnection()) {
          throw tooManyStatements();
        }
        StatementHandle handle = new StatementHandle(connectionId, refuse.getAsInt(), null);
        statements.put(handle.id, new Held(connectionId, null, true));
        return handle;
      }
      StatementHandle handle = open.get();
      statements.put(handle.id, new Held(connectionId, driverStatement.apply(handle), false));
      return handle;
    }
  }

  /**
   * Forgets the statements whose Avatica entry is gone (closed or expired) or whose connection
   * is, and returns them, so that the caller can stop what they still run.
   */
  List<Statement> forgetGone(Predicate<Integer> stillOpen) {
    List<Statement> gone = new ArrayList<>();
    statements.entrySet().removeIf(e -> {
      boolean dead = !connectionOpen.test(e.getValue().connectionId())
          || !e.getValue().refused() && !stillOpen.test(e.getKey());
      if (dead && e.getValue().statement() != null) {
        gone.add(e.getValue().statement());
      }
      return dead;
    });
    return gone;
  }
}
