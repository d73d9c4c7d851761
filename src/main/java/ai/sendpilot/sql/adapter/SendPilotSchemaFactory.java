package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.client.SendPilotClient;
import java.util.Map;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Creates the SendPilot schema from a model file's operands (see {@link SendPilotSettings} for
 * their names).
 */
public final class SendPilotSchemaFactory implements SchemaFactory {
  public static final SendPilotSchemaFactory INSTANCE = new SendPilotSchemaFactory();

  @Override public Schema create(SchemaPlus parentSchema, String name,
      Map<String, Object> operand) {
    SendPilotSettings settings = SendPilotSettings.from(operand, System.getenv());
    return new SendPilotSchema(new SendPilotClient(settings.clientConfig()),
        settings.scanOptions());
  }
}
