package ai.sendpilot.sql.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local SendPilot inbox API on 127.0.0.1, built on the JDK's HTTP server, serving a
 * deterministic synthetic inbox with optional latency and injected faults.
 *
 * <pre>{@code
 * SimulatorConfig config = SimulatorConfig.builder().seed(7).build();
 * try (InboxSimulator sim = new InboxSimulator(config).start()) {
 *   String url = sim.baseUrl() + "/v1/inbox/conversations?limit=100";
 *   // send it with header X-API-Key: sim.apiKey()
 * }
 * }</pre>
 */
public final class InboxSimulator implements AutoCloseable {
  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY every response
    // waits ~40 ms for the client's delayed ACK. Read once, when the first server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SimulatorConfig config;
  private final DemoInbox inbox;
  private final InboxHandler handler;
  private HttpServer server;
  private ExecutorService executor;

  public InboxSimulator(SimulatorConfig config) {
    this.config = config;
    this.inbox = new DemoInbox(config);
    this.handler = new InboxHandler(config, inbox);
  }

  /** Binds and starts serving; returns this for chaining. */
  public synchronized InboxSimulator start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    try {
      HttpServer created = HttpServer.create(
          new InetSocketAddress(InetAddress.getByName("127.0.0.1"), config.port()), 128);
      AtomicInteger threadNumber = new AtomicInteger();
      executor = Executors.newFixedThreadPool(config.threads(), r -> {
        Thread t = new Thread(r, "inbox-simulator-" + threadNumber.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      created.createContext("/", handler);
      created.setExecutor(executor);
      created.start();
      server = created;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + config.port(), e);
    }
  }

  /** For example {@code http://127.0.0.1:8080}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getAddress().getPort();
  }

  public String apiKey() {
    return config.apiKey();
  }

  /** Requests received so far, faulted ones included. */
  public long requestCount() {
    return handler.requestCount();
  }

  /** Path and query of the latest requests (at most 10,000, faulted ones too), oldest first. */
  public List<String> recentRequests() {
    return handler.recentRequests();
  }

  /** When requests were answered 429 by the rate limit, from the start; empty without one. */
  public List<Duration> throttledAt() {
    RateLimitBucket bucket = handler.rateLimit();
    return bucket == null ? List.of() : bucket.refused();
  }

  /** When requests were let through by the rate limit, from the start; empty without one. */
  public List<Duration> admittedAt() {
    RateLimitBucket bucket = handler.rateLimit();
    return bucket == null ? List.of() : bucket.admitted();
  }

  public SimulatorConfig config() {
    return config;
  }

  /** The data being served, for computing expectations. */
  public DemoInbox inbox() {
    return inbox;
  }

  @Override public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }
}
