package ai.sendpilot.sql.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;

/**
 * The network connection of the HTTP request the current thread serves, asked whether its client
 * has gone: a call runs only after its whole body was read, and Avatica's client sends nothing
 * more until it has the answer, so end of stream (or an error) on the socket means the client
 * gave up. Bytes that do arrive are a protocol violation: the connection closes after the answer.
 */
final class ClientLink {
  private static final ThreadLocal<ClientLink> CURRENT = new ThreadLocal<>();

  private final EndPoint endPoint;
  private volatile boolean strayBytes;
  private boolean finished;

  private ClientLink(EndPoint endPoint) {
    this.endPoint = endPoint;
  }

  /** Makes {@code endPoint} the current request's link until the scope is closed. */
  static RequestUser.Scope enter(EndPoint endPoint) {
    CURRENT.set(endPoint == null ? null : new ClientLink(endPoint));
    return CURRENT::remove;
  }

  /** The current request's link, or null outside a request. */
  static ClientLink current() {
    return CURRENT.get();
  }

  /** Whether the client closed its side or the connection failed; never blocks. */
  synchronized boolean gone() {
    if (finished) {
      return false;
    }
    if (!endPoint.isOpen() || endPoint.isInputShutdown()) {
      return true;
    }
    try {
      ByteBuffer probe = BufferUtil.allocate(64);
      int read = endPoint.fill(probe);
      if (read > 0) {
        strayBytes = true;
      }
      return read < 0;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /** Ends the probing: the call is over and Jetty reads the connection again. */
  synchronized void finish() {
    finished = true;
  }

  /** Whether the client sent bytes while its call ran; the connection must not be reused. */
  boolean sentStrayBytes() {
    return strayBytes;
  }
}
