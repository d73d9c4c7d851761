package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.client.ApiKey;
import ai.sendpilot.sql.client.ClientConfig;
import ai.sendpilot.sql.client.SendPilotClient;
import ai.sendpilot.sql.demo.DemoWorkspace;
import java.util.Map;
import org.apache.calcite.schema.Schema;

/**
 * The schemas one set of settings gives: the {@link SendPilotSchema} and, with {@code demo=true},
 * the demo's own schemas beside it. Closing gives back the demo inbox; the only way to build a
 * {@code SendPilotSchema}, for the JDBC driver and model files alike.
 */
public final class SendPilotSchemas implements AutoCloseable {
  private final SendPilotSchema sendPilot;
  private final Map<String, Schema> companions;
  /** The share of the demo inbox held, or null. */
  private final DemoWorkspace demo;

  private SendPilotSchemas(SendPilotSchema sendPilot, Map<String, Schema> companions,
      DemoWorkspace demo) {
    this.sendPilot = sendPilot;
    this.companions = companions;
    this.demo = demo;
  }

  /**
   * The schemas {@code settings} ask for: the user's workspace, or a share of the in-process
   * demo inbox.
   *
   * @throws IllegalArgumentException when a setting is unusable or the key is missing, saying
   *     what to set
   */
  public static SendPilotSchemas create(SendPilotSettings settings) {
    if (!settings.demo()) {
      return new SendPilotSchemas(schema(settings.clientConfig(), settings), Map.of(), null);
    }
    DemoWorkspace demo = DemoWorkspace.acquire();
    try {
      ClientConfig config = settings.clientConfigBuilder()
          .baseUrl(demo.baseUrl())
          .apiKey(ApiKey.of(demo.apiKey()))
          .build();
      return new SendPilotSchemas(schema(config, settings), demo.schemas(), demo);
    } catch (RuntimeException e) {
      demo.close();
      throw e;
    }
  }

  private static SendPilotSchema schema(ClientConfig config, SendPilotSettings settings) {
    return new SendPilotSchema(new SendPilotClient(config), settings.scanOptions(),
        settings.queryLimits());
  }

  /** The inbox tables. */
  public SendPilotSchema sendPilot() {
    return sendPilot;
  }

  /** The schemas to add beside {@link #sendPilot()}, by name: the demo CRM, or none. */
  public Map<String, Schema> companions() {
    return companions;
  }

  /** Gives back the demo inbox, if these schemas hold a share of it. */
  @Override public void close() {
    if (demo != null) {
      demo.close();
    }
  }
}
