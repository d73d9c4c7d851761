package ai.sendpilot.sql.server;

import ai.sendpilot.sql.adapter.SendPilotSchemas;
import ai.sendpilot.sql.adapter.SendPilotSettings;
import ai.sendpilot.sql.config.SendPilotProperty;
import ai.sendpilot.sql.jdbc.SharedSchemaConnections;
import ai.sendpilot.sql.pgwire.PgEndpointConfig;
import ai.sendpilot.sql.pgwire.PgEvents;
import ai.sendpilot.sql.pgwire.PgServer;
import com.google.common.base.Throwables;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Constraint;

/**
 * The team server: one SendPilot schema, and so one page cache and one API budget, shared by
 * every client session, served over HTTP by Avatica's protobuf protocol.
 */
public final class TeamServer implements AutoCloseable {
  /** Jetty's role for "any authenticated user": the users file needs no roles. */
  private static final String ANY_AUTHENTICATED_USER = "**";
  private static final long MAX_SWEEP_SECONDS = 30;
  /** A request body arriving slower than this fails with 408 (a modem manages 7 KB/s). */
  private static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;

  private final SendPilotSchemas schemas;
  private final TeamMeta meta;
  private final HttpServer http;
  private final ScheduledExecutorService sweeper;
  private final ServerConfig config;
  private final boolean demo;
  private PgServer pg;
  private boolean closed;

  private TeamServer(SendPilotSchemas schemas, TeamMeta meta, HttpServer http,
      ScheduledExecutorService sweeper, ServerConfig config, boolean demo) {
    this.schemas = schemas;
    this.meta = meta;
    this.http = http;
    this.sweeper = sweeper;
    this.config = config;
    this.demo = demo;
  }

  /**
   * Builds the schema from the configured settings and {@code env} (the demo inbox when no key
   * is configured) and starts serving it.
   *
   * @throws IllegalArgumentException when a setting is unusable or the port is taken
   * @throws SQLException when the model cannot be loaded
   */
  static TeamServer start(ServerConfig config, Map<String, String> env) throws SQLException {
    return start(config, null, env);
  }

  /** As {@link #start(ServerConfig, Map)}, with the PostgreSQL endpoint too unless null. */
  static TeamServer start(ServerConfig config, PgListen pgListen, Map<String, String> env)
      throws SQLException {
    Map<String, String> settings = new HashMap<>(config.settings());
    boolean demo = !SendPilotSettings.from(settings, env).hasApiKey();
    if (demo) {
      settings.put(SendPilotProperty.DEMO.camelName(), "true");
    }
    SendPilotSettings parsed = SendPilotSettings.from(settings, env);
    SendPilotSchemas schemas = SendPilotSchemas.create(parsed);
    try {
      ServerMetrics metrics = new ServerMetrics(schemas.sendPilot().pageCounts());
      ServerConnections connections =
          new ServerConnections(new SharedSchemaConnections(schemas), config.model());
      connections.open(Map.of(), RequestUser.ANONYMOUS).close();
      TeamMeta meta = new TeamMeta(connections, config.limits(),
          config.requests().queryTimeout(), metrics);
      ProtobufCalls calls = new ProtobufCalls(new LocalService(meta));
      ServerRoutes routes = new ServerRoutes(calls, metrics, meta::openConnections,
          config.auth() != Auth.NONE, config.requests().maxRequestBytes());
      HttpServer http = httpServer(config, routes, calls);
      try {
        http.start();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cannot listen on "
            + config.bind().getHostAddress() + ":" + config.port() + ": "
            + Throwables.getRootCause(e).getMessage(), e);
      }
      ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sendpilot-server-idle-sweeper");
        t.setDaemon(true);
        return t;
      });
      long period = Math.max(1,
          Math.min(config.limits().idleTimeout().toSeconds() / 2, MAX_SWEEP_SECONDS));
      sweeper.scheduleAtFixedRate(meta::closeIdle, period, period, TimeUnit.SECONDS);
      TeamServer server = new TeamServer(schemas, meta, http, sweeper, config, parsed.demo());
      if (pgListen != null) {
        server.pg = startPg(config, pgListen, connections, metrics, server);
      }
      return server;
    } catch (SQLException | RuntimeException e) {
      schemas.close();
      throw e;
    }
  }

  private static PgServer startPg(ServerConfig config, PgListen listen,
      ServerConnections connections, ServerMetrics metrics, TeamServer server) {
    try {
      return PgServer.start(new PgEndpointConfig(config.bind(), listen.port(),
          config.auth() == Auth.NONE ? null : config.usersFile(),
          config.tls() == null ? null : config.tls().keystore(),
          config.tls() == null ? null : config.tls().password(),
          config.limits().connectionsPerUser(), listen.maxConnections(),
          config.limits().statementsPerConnection(), config.limits().idleTimeout(),
          PgEndpointConfig.DEFAULT_STARTUP_TIMEOUT, PgEndpointConfig.DEFAULT_MAX_MESSAGE_BYTES),
          user -> connections.open(Map.of(), user), new PgEvents(metrics::queryServed,
              metrics::queryFailed, metrics::connectionOpened, metrics::rejected));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private static HttpServer httpServer(ServerConfig config, ServerRoutes routes,
      ProtobufCalls calls) {
    HttpServer.Builder<Server> builder = HttpServer.Builder.<Server>newBuilder()
        .withPort(config.port())
        .withHandler(routes)
        .withServerCustomizers(List.of(server -> customize(server, config, calls)), Server.class);
    String[] roles = {ANY_AUTHENTICATED_USER};
    switch (config.auth()) {
      case BASIC -> builder.withBasicAuthentication(config.usersFile().toString(), roles);
      case DIGEST -> builder.withDigestAuthentication(config.usersFile().toString(), roles);
      case NONE -> { }
      default -> throw new IllegalStateException(config.auth().name());
    }
    if (config.tls() != null) {
      // The keystore doubles as the trust store Avatica requires: clients are not asked for
      // certificates.
      builder.withTLS(config.tls().keystore().toFile(), config.tls().password(),
          config.tls().keystore().toFile(), config.tls().password());
    }
    return builder.build();
  }

  /**
   * Binds the configured address, bounds connections and the time requests take to arrive,
   * opens {@code /health} to all (its other methods answer 405 in {@link ServerRoutes}) and
   * quiets error pages.
   */
  private static void customize(Server server, ServerConfig config, ProtobufCalls calls) {
    RequestLimits limits = config.requests();
    SlowRequests slow = new SlowRequests(limits.readTimeout());
    server.addBean(slow);
    for (Connector connector : server.getConnectors()) {
      ServerConnector network = (ServerConnector) connector;
      network.setHost(config.bind().getHostAddress());
      network.setIdleTimeout(limits.readTimeout().toMillis());
      network.addBean(slow);
      HttpConfiguration http =
          network.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
      http.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
    }
    server.addBean(new ConnectionLimit(limits.maxHttpConnections(), server));
    server.setErrorHandler(new QuietErrorHandler(calls));
    ConstraintSecurityHandler security =
        server.getChildHandlerByClass(ConstraintSecurityHandler.class);
    if (security != null) {
      Constraint open = new Constraint();
      open.setName("health");
      open.setAuthenticate(false);
      ConstraintMapping health = new ConstraintMapping();
      health.setPathSpec(ServerRoutes.HEALTH);
      health.setConstraint(open);
      security.addConstraintMapping(health);
    }
  }

  /** The port the server listens on. */
  public int port() {
    return http.getPort();
  }

  /** For example {@code http://127.0.0.1:8765}. */
  public String url() {
    String host = config.bind().getHostAddress();
    return (config.tls() == null ? "http" : "https") + "://"
        + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /** The PostgreSQL endpoint's port, or -1 when it is off. */
  public int pgPort() {
    return pg == null ? -1 : pg.port();
  }

  /** Whether the built-in demo inbox is served. */
  public boolean servesDemo() {
    return demo;
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    http.join();
  }

  /** Stops serving, closes every session and gives back the demo inbox. */
  @Override public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    sweeper.shutdownNow();
    if (pg != null) {
      pg.close();
    }
    http.stop();
    meta.closeAll();
    schemas.close();
  }
}
