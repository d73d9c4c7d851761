package ai.sendpilot.sql.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process demo inbox behind {@code demo=true}: started on a loopback port by the first
 * demo connection, shared by the others, and stopped when the last one closes. Reached through
 * {@link DemoWorkspace}.
 */
final class EmbeddedDemo {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDemo.class);
  private static InboxSimulator simulator;
  private static int connections;

  private EmbeddedDemo() {
  }

  /** The running simulator; every call must be paired with {@link #release()}. */
  static synchronized InboxSimulator acquire() {
    if (simulator == null) {
      simulator = startOnDaemonThread();
      LOG.info("Started the built-in SendPilot demo inbox (synthetic data) at {}",
          simulator.baseUrl());
    }
    connections++;
    return simulator;
  }

  /**
   * Starts the simulator from a daemon thread: the JDK's HTTP server gives its dispatcher thread
   * the daemon status of the thread that starts it, and a demo left open must not keep the JVM
   * alive.
   */
  private static InboxSimulator startOnDaemonThread() {
    InboxSimulator created = new InboxSimulator(SimulatorConfig.defaults());
    RuntimeException[] failure = new RuntimeException[1];
    Thread starter = new Thread(() -> {
      try {
        created.start();
      } catch (RuntimeException e) {
        failure[0] = e;
      }
    }, "sendpilot-demo-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      created.close();
      throw new IllegalStateException("Interrupted while starting the demo inbox", e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return created;
  }

  static synchronized void release() {
    if (--connections == 0 && simulator != null) {
      simulator.close();
      simulator = null;
    }
  }
}
