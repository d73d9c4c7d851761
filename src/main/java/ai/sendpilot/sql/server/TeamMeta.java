package ai.sendpilot.sql.server;

import ai.sendpilot.sql.config.LogText;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatica's JDBC meta data layer over the server's connections: each client session gets a
 * connection from {@link ServerConnections} (never one its own properties configure), within
 * the per-user and per-connection limits. Every call is checked against the connection and the
 * user that own it ({@link SessionTracker}); every statement runs under the server's query
 * timeout and is cancelled when its client goes away or its session expires; every query is
 * counted and logged.
 */
final class TeamMeta extends JdbcMeta {
  private static final Logger LOG = LoggerFactory.getLogger(TeamMeta.class);
  private static final long PROBE_MILLIS = 200;
  private static final Field STATEMENT = statementField();

  private final ServerConnections connections;
  private final ServerMetrics metrics;
  private final SessionTracker sessions;
  private final int queryTimeoutSeconds;
  private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "sendpilot-server-client-watch");
        t.setDaemon(true);
        return t;
      });

  TeamMeta(ServerConnections connections, SessionLimits limits, Duration queryTimeout,
      ServerMetrics metrics) throws SQLException {
    super("jdbc:sendpilot:", expiry(limits.idleTimeout()));
    this.connections = connections;
    this.metrics = metrics;
    this.queryTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE, queryTimeout.toSeconds());
    this.sessions = new SessionTracker(limits, getConnectionCache().asMap()::containsKey,
        id -> getStatementCache().asMap().containsKey(id), metrics);
  }

  /** Avatica's cache settings that close connections and statements unused for {@code idle}. */
  private static Properties expiry(Duration idle) {
    Properties settings = new Properties();
    String seconds = Long.toString(idle.toSeconds());
    settings.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(), seconds);
    settings.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.SECONDS.name());
    settings.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), seconds);
    settings.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.SECONDS.name());
    return settings;
  }

  /** Avatica keeps the driver's statement in a package-private field; the server cancels it. */
  private static Field statementField() {
    try {
      Field field = StatementInfo.class.getDeclaredField("statement");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override protected Connection createConnection(String url, Properties info)
      throws SQLException {
    return connections.open(info, RequestUser.current());
  }

  @Override public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    String user = RequestUser.current();
    sessions.openConnection(user, ch.id, () -> super.openConnection(ch, info));
    metrics.connectionOpened();
    LOG.info("connection opened user={} connection={}", LogText.of(user), LogText.of(ch.id));
  }

  @Override public void closeConnection(ConnectionHandle ch) {
    sessions.checkConnection(RequestUser.current(), ch.id, "closeConnection");
    sessions.statementsOf(ch.id).forEach(TeamMeta::cancel);
    try {
      super.closeConnection(ch);
    } finally {
      sessions.connectionClosed(ch.id);
    }
  }

  /** Every call naming a connection comes here: only the user who opened it may use it. */
  @Override protected Connection getConnection(String id) throws SQLException {
    sessions.checkConnection(RequestUser.current(), id, "connection");
    return super.getConnection(id);
  }

  @Override public StatementHandle createStatement(ConnectionHandle ch) {
    sessions.checkConnection(RequestUser.current(), ch.id, "createStatement");
    return sessions.openStatement(ch.id, () -> super.createStatement(ch), this::bounded,
        getStatementIdGenerator()::getAndIncrement);
  }

  @Override public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    sessions.checkConnection(RequestUser.current(), ch.id, "prepare");
    StatementHandle h = sessions.openStatement(ch.id,
        () -> super.prepare(ch, sql, maxRowCount), this::bounded, null);
    h.signature = ClientSignatures.of(h.signature);
    return h;
  }

  @Override public ExecuteResult prepareAndExecute(StatementHandle h, String sql,
      long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
      throws NoSuchStatementException {
    sessions.checkStatement(RequestUser.current(), h, "prepareAndExecute");
    return logged(h, sql,
        () -> super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback));
  }

  @Override public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    sessions.checkStatement(RequestUser.current(), h, "execute");
    return logged(h, h.signature == null ? null : h.signature.sql,
        () -> super.execute(h, parameterValues, maxRowsInFirstFrame));
  }

  @Override public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    sessions.checkStatement(RequestUser.current(), h, "fetch");
    ScheduledFuture<?> watch = watch(h);
    try {
      return super.fetch(h, offset, fetchMaxRowCount);
    } finally {
      unwatch(watch);
    }
  }

  @Override public boolean syncResults(StatementHandle sh, QueryState state, long offset)
      throws NoSuchStatementException {
    sessions.checkStatement(RequestUser.current(), sh, "syncResults");
    ScheduledFuture<?> watch = watch(sh);
    try {
      return super.syncResults(sh, state, offset);
    } finally {
      unwatch(watch);
    }
  }

  @Override public void closeStatement(StatementHandle h) {
    if (sessions.refused(h.id) && h.connectionId != null
        && RequestUser.current().equals(sessions.owner(h.connectionId))) {
      sessions.statementClosed(h.id);
      return;
    }
    try {
      sessions.checkStatement(RequestUser.current(), h, "closeStatement");
    } catch (NoSuchStatementException e) {
      return;
    }
    // Avatica's client has no call to cancel; closing from another thread is how it stops.
    Statement running = sessions.statement(h.id);
    if (running != null) {
      cancel(running);
    }
    try {
      super.closeStatement(h);
    } finally {
      sessions.statementClosed(h.id);
    }
  }

  @Override public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h,
      List<String> sqlCommands) throws NoSuchStatementException {
    sessions.checkStatement(RequestUser.current(), h, "prepareAndExecuteBatch");
    return super.prepareAndExecuteBatch(h, sqlCommands);
  }

  @Override public ExecuteBatchResult executeBatch(StatementHandle h,
      List<List<TypedValue>> parameterValues) throws NoSuchStatementException {
    sessions.checkStatement(RequestUser.current(), h, "executeBatch");
    return super.executeBatch(h, parameterValues);
  }

  @Override public ExecuteBatchResult executeBatchProtobuf(StatementHandle h,
      List<Requests.UpdateBatch> parameterValues) throws NoSuchStatementException {
    sessions.checkStatement(RequestUser.current(), h, "executeBatch");
    return super.executeBatchProtobuf(h, parameterValues);
  }

  /** Open connections, closed ones that have not expired yet aside. */
  long openConnections() {
    return getConnectionCache().asMap().size();
  }

  /**
   * Closes the connections and statements that have been idle too long, cancelling first what
   * their statements still run.
   */
  void closeIdle() {
    for (Statement gone : sessions.forgetGone(getStatementCache().asMap()::containsKey)) {
      LOG.info("statement expired or its connection closed: cancelling what it runs");
      cancel(gone);
    }
    getConnectionCache().cleanUp();
    getStatementCache().cleanUp();
  }

  /** Closes every connection and statement. */
  void closeAll() {
    watcher.shutdownNow();
    getStatementCache().invalidateAll();
    getConnectionCache().invalidateAll();
    closeIdle();
  }

  /** The driver's statement of a new handle, under the server's query timeout. */
  private Statement bounded(StatementHandle h) {
    StatementInfo info = getStatementCache().getIfPresent(h.id);
    if (info == null) {
      return null;
    }
    try {
      Statement statement = (Statement) STATEMENT.get(info);
      if (queryTimeoutSeconds > 0) {
        statement.setQueryTimeout(queryTimeoutSeconds);
      }
      return statement;
    } catch (IllegalAccessException | SQLException e) {
      throw new IllegalStateException("cannot bound the statement " + h.id, e);
    }
  }

  /** Cancels the statement of {@code h} as soon as the current request's client has gone. */
  private ScheduledFuture<?> watch(StatementHandle h) {
    ClientLink link = ClientLink.current();
    Statement statement = sessions.statement(h.id);
    if (link == null || statement == null) {
      return null;
    }
    String user = RequestUser.current();
    return watcher.scheduleWithFixedDelay(() -> {
      if (link.gone()) {
        LOG.info("client gone user={} connection={} statement={}: query cancelled",
            LogText.of(user), LogText.of(h.connectionId), h.id);
        cancel(statement);
        throw new IllegalStateException("stop watching");
      }
    }, PROBE_MILLIS, PROBE_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static void unwatch(ScheduledFuture<?> watch) {
    if (watch != null) {
      watch.cancel(false);
    }
  }

  private static void cancel(Statement statement) {
    try {
      statement.cancel();
    } catch (SQLException | RuntimeException e) {
      LOG.debug("cancel failed", e);
    }
  }

  private ExecuteResult logged(StatementHandle h, String sql, Execution execution)
      throws NoSuchStatementException {
    long started = System.nanoTime();
    String user = RequestUser.current();
    ScheduledFuture<?> watch = watch(h);
    try {
      ExecuteResult result = ClientSignatures.of(execution.run());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      metrics.queryServed(millis);
      LOG.info("query user={} connection={} ms={} ok sql={}", LogText.of(user),
          LogText.of(h.connectionId), millis, LogText.of(sql));
      return result;
    } catch (RuntimeException | NoSuchStatementException e) {
      metrics.queryFailed();
      SQLException cause = RemoteErrors.sqlException(e);
      LOG.info("query user={} connection={} ms={} failed sqlState={} ({}) sql={}",
          LogText.of(user), LogText.of(h.connectionId),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          cause == null ? "?" : RemoteErrors.stateOf(cause),
          LogText.of(cause == null ? e.getMessage() : cause.getMessage()), LogText.of(sql));
      throw e;
    } finally {
      unwatch(watch);
    }
  }

  /** One execution of a statement. */
  @FunctionalInterface
  private interface Execution {
    ExecuteResult run() throws NoSuchStatementException;
  }
}
