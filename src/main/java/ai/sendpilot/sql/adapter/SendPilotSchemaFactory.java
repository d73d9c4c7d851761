package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.config.SendPilotProperty;
import java.util.Map;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Creates the SendPilot schema from a model file's operands (named as {@link SendPilotProperty}
 * declares); with {@code demo=true} the demo's schemas are added beside it.
 */
public final class SendPilotSchemaFactory implements SchemaFactory {
  public static final SendPilotSchemaFactory INSTANCE = new SendPilotSchemaFactory();

  @Override public Schema create(SchemaPlus parentSchema, String name,
      Map<String, Object> operand) {
    // A model connection has no close hook: a demo inbox started here runs on daemon threads
    // until the JVM exits.
    SendPilotSchemas schemas =
        SendPilotSchemas.create(SendPilotSettings.from(operand, System.getenv()));
    schemas.companions().forEach(parentSchema::add);
    return schemas.sendPilot();
  }
}
