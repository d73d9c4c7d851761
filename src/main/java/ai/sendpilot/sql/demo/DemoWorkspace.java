package ai.sendpilot.sql.demo;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.schema.Schema;

/**
 * One share of the in-process demo inbox ({@code demo=true}): where it listens, its key and the
 * schemas that go with it. Closing gives the share back; the last share stops the inbox.
 */
public final class DemoWorkspace implements AutoCloseable {
  private final String baseUrl;
  private final String apiKey;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DemoWorkspace(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** A share of the demo inbox, started if no other share holds it; close it when done. */
  public static DemoWorkspace acquire() {
    InboxSimulator simulator = EmbeddedDemo.acquire();
    return new DemoWorkspace(simulator.baseUrl(), simulator.apiKey());
  }

  /** The loopback URL of the simulated API. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The key the simulated API accepts. */
  public String apiKey() {
    return apiKey;
  }

  /** The schemas the demo adds beside the inbox, by name: the demo CRM. */
  public Map<String, Schema> schemas() {
    return Map.of(DemoCrmSchema.NAME, new DemoCrmSchema());
  }

  /** Gives the share back; later calls do nothing. */
  @Override public void close() {
    if (closed.compareAndSet(false, true)) {
      EmbeddedDemo.release();
    }
  }
}
