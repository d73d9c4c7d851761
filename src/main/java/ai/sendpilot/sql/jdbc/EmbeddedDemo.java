package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process demo inbox behind {@code demo=true}: started on a loopback port by the first
 * demo connection, shared by the others, and stopped when the last one closes.
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
      simulator = new InboxSimulator(SimulatorConfig.defaults()).start();
      LOG.info("Started the built-in SendPilot demo inbox (synthetic data) at {}",
          simulator.baseUrl());
    }
    connections++;
    return simulator;
  }

  static synchronized void release() {
    if (--connections == 0 && simulator != null) {
      simulator.close();
      simulator = null;
    }
  }
}
