package ai.sendpilot.sql.pgwire;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The team server's PostgreSQL endpoint: the frontend/backend protocol 3.0 over Netty, each
 * session a driver connection from a {@link ConnectionSource}. Connections are read without a
 * thread of their own until they are authenticated; queries run on a worker pool.
 */
public final class PgServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);

  final PgEndpointConfig config;
  final ConnectionSource connections;
  final PgEvents events;
  final PgUsers users;
  final SslContext tls;
  final SecureRandom random = new SecureRandom();
  final CancelKeys cancelKeys = new CancelKeys(random);
  final ExecutorService workers;
  private final EventLoopGroup group;
  private final Channel listener;
  private final Map<String, Integer> sessionsPerUser = new HashMap<>();
  private final AtomicInteger threads = new AtomicInteger();
  private int sessions;

  private PgServer(PgEndpointConfig config, ConnectionSource connections, PgEvents events) {
    this.config = config;
    this.connections = connections;
    this.events = events;
    this.users = config.usersFile() == null ? null : PgUsers.read(config.usersFile(), random);
    this.tls = config.keystore() == null ? null : sslContext(config);
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sendpilot-pg-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.group = new MultiThreadIoEventLoopGroup(
        Math.min(2, Runtime.getRuntime().availableProcessors()), NioIoHandler.newFactory());
    try {
      this.listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override protected void initChannel(SocketChannel channel) {
              FrameDecoder decoder = new FrameDecoder();
              channel.pipeline().addLast("frames", decoder)
                  .addLast("protocol", new PgConnectionHandler(PgServer.this, decoder));
            }
          })
          .bind(new InetSocketAddress(config.bind(), config.port())).syncUninterruptibly()
          .channel();
    } catch (RuntimeException e) {
      shutdown();
      throw new IllegalArgumentException("cannot listen for PostgreSQL clients on "
          + config.bind().getHostAddress() + ":" + config.port() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Starts listening.
   *
   * @throws IllegalArgumentException when the port is taken or the keystore is unusable
   */
  public static PgServer start(PgEndpointConfig config, ConnectionSource connections,
      PgEvents events) {
    PgServer server = new PgServer(config, connections, events);
    LOG.info("PostgreSQL endpoint on {}:{} ({})", config.bind().getHostAddress(), server.port(),
        server.users == null ? "trust" : "SCRAM-SHA-256");
    return server;
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Admits one more authenticated session of {@code user}, or says why not. */
  synchronized String admit(String user) {
    int held = sessionsPerUser.getOrDefault(user, 0);
    if (sessions >= config.maxConnections()) {
      return "sorry, too many clients already (" + config.maxConnections()
          + " PostgreSQL sessions are open, the most this server allows)";
    }
    if (held >= config.connectionsPerUser()) {
      return "too many connections for role \"" + user + "\": " + held
          + " are open, the most this server allows; close one, or wait until an idle one is"
          + " closed after " + config.idleTimeout().toSeconds() + " s";
    }
    sessions++;
    sessionsPerUser.put(user, held + 1);
    return null;
  }

  synchronized void release(String user) {
    sessions--;
    sessionsPerUser.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
  }

  /** Authenticated sessions now open. */
  public synchronized int openSessions() {
    return sessions;
  }

  @Override public void close() {
    listener.close().syncUninterruptibly();
    shutdown();
  }

  private void shutdown() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownNow();
  }

  private static SslContext sslContext(PgEndpointConfig config) {
    char[] password = config.keystorePassword().toCharArray();
    try {
      KeyStore store = KeyStore.getInstance(config.keystore().toFile(), password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      return SslContextBuilder.forServer(keys).build();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the keystore " + config.keystore()
          + " for the PostgreSQL endpoint: " + e.getMessage(), e);
    }
  }
}
