package ai.sendpilot.sql.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatica's JDBC meta data layer over the server's connections: each client session gets a
 * connection from {@link ServerConnections} (never one its own properties configure), within
 * the per-user and per-connection limits; idle ones expire; every query is counted and logged.
 */
final class TeamMeta extends JdbcMeta {
  private static final Logger LOG = LoggerFactory.getLogger(TeamMeta.class);
  private static final int LOGGED_SQL_LENGTH = 500;

  private final ServerConnections connections;
  private final ServerMetrics metrics;
  private final SessionTracker sessions;

  TeamMeta(ServerConnections connections, SessionLimits limits, ServerMetrics metrics)
      throws SQLException {
    super("jdbc:sendpilot:", expiry(limits.idleTimeout()));
    this.connections = connections;
    this.metrics = metrics;
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

  @Override protected Connection createConnection(String url, Properties info)
      throws SQLException {
    return connections.open(info);
  }

  @Override public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    String user = RequestUser.current();
    sessions.openConnection(user, ch.id, () -> super.openConnection(ch, info));
    metrics.connectionOpened();
    LOG.info("connection opened user={} connection={}", user, ch.id);
  }

  @Override public void closeConnection(ConnectionHandle ch) {
    String owner = sessions.owner(ch.id);
    if (owner != null && !owner.equals(RequestUser.current())) {
      return;
    }
    try {
      super.closeConnection(ch);
    } finally {
      sessions.connectionClosed(ch.id);
    }
  }

  /** Only the user who opened a connection may use it. */
  @Override protected Connection getConnection(String id) throws SQLException {
    String owner = sessions.owner(id);
    if (owner != null && !owner.equals(RequestUser.current())) {
      throw new NoSuchConnectionException(id);
    }
    return super.getConnection(id);
  }

  @Override public StatementHandle createStatement(ConnectionHandle ch) {
    return sessions.openStatement(ch.id, () -> super.createStatement(ch));
  }

  @Override public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    return sessions.openStatement(ch.id, () -> super.prepare(ch, sql, maxRowCount));
  }

  @Override public ExecuteResult prepareAndExecute(StatementHandle h, String sql,
      long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
      throws NoSuchStatementException {
    return logged(h, sql,
        () -> super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback));
  }

  @Override public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    return logged(h, h.signature == null ? null : h.signature.sql,
        () -> super.execute(h, parameterValues, maxRowsInFirstFrame));
  }

  /** Open connections, closed ones that have not expired yet aside. */
  long openConnections() {
    return getConnectionCache().size();
  }

  /** Closes the connections and statements that have been idle too long. */
  void closeIdle() {
    getConnectionCache().cleanUp();
    getStatementCache().cleanUp();
  }

  /** Closes every connection and statement. */
  void closeAll() {
    getStatementCache().invalidateAll();
    getConnectionCache().invalidateAll();
    closeIdle();
  }

  private ExecuteResult logged(StatementHandle h, String sql, Execution execution)
      throws NoSuchStatementException {
    long started = System.nanoTime();
    String user = RequestUser.current();
    try {
      ExecuteResult result = execution.run();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      metrics.queryServed(millis);
      LOG.info("query user={} connection={} ms={} ok sql={}", user, h.connectionId, millis,
          oneLine(sql));
      return result;
    } catch (RuntimeException | NoSuchStatementException e) {
      metrics.queryFailed();
      LOG.info("query user={} connection={} ms={} failed ({}) sql={}", user, h.connectionId,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), e.getMessage(),
          oneLine(sql));
      throw e;
    }
  }

  private static String oneLine(String sql) {
    if (sql == null) {
      return "?";
    }
    String line = sql.replaceAll("\\s+", " ").strip();
    return line.length() <= LOGGED_SQL_LENGTH ? line : line.substring(0, LOGGED_SQL_LENGTH) + "…";
  }

  /** One execution of a statement. */
  @FunctionalInterface
  private interface Execution {
    ExecuteResult run() throws NoSuchStatementException;
  }
}
