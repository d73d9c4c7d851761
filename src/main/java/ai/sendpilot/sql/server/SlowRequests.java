package ai.sendpilot.sql.server;

import ai.sendpilot.sql.config.LogText;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes HTTP connections whose request (headers and body) takes longer than the read timeout to
 * arrive, however steadily it drips: Jetty's idle timeout alone restarts with every byte.
 */
final class SlowRequests extends AbstractLifeCycle implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(SlowRequests.class);
  private static final long SWEEP_MILLIS = 250;

  /** Since when a connection has been receiving its {@code requests}-th request. */
  private record Reading(long requests, long sinceNanos) {
  }

  private static final Reading IDLE = new Reading(-1, 0);

  private final long limitNanos;
  private final Map<HttpConnection, Reading> connections = new ConcurrentHashMap<>();
  private ScheduledExecutorService sweeper;

  SlowRequests(Duration limit) {
    this.limitNanos = limit.toNanos();
  }

  @Override protected void doStart() {
    sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sendpilot-server-slow-requests");
      t.setDaemon(true);
      return t;
    });
    sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  @Override protected void doStop() {
    sweeper.shutdownNow();
    connections.clear();
  }

  @Override public void onOpened(Connection connection) {
    if (connection instanceof HttpConnection http) {
      connections.put(http, IDLE);
    }
  }

  @Override public void onClosed(Connection connection) {
    connections.remove(connection);
  }

  private void sweep() {
    long now = System.nanoTime();
    connections.replaceAll((connection, seen) -> {
      if (!receiving(connection.getParser())) {
        return IDLE;
      }
      long requests = connection.getMessagesIn();
      if (seen == IDLE || seen.requests() != requests) {
        return new Reading(requests, now);
      }
      if (now - seen.sinceNanos() > limitNanos) {
        LOG.info("closed a connection from {}: its request took more than {} s to arrive",
            LogText.of(connection.getEndPoint().getRemoteAddress()),
            TimeUnit.NANOSECONDS.toSeconds(limitNanos));
        connection.getEndPoint().close();
      }
      return seen;
    });
  }

  /** Whether the parser is in the middle of a request's headers or body. */
  private static boolean receiving(HttpParser parser) {
    return (parser.inHeaderState() && !parser.isStart()) || parser.inContentState();
  }
}
