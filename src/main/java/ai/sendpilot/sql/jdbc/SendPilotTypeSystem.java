package ai.sendpilot.sql.jdbc;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;

/**
 * Calcite's default type system, except that the branches of a CASE (or a UNION) of strings of
 * different lengths make a VARCHAR rather than a CHAR padded to the longest, as in PostgreSQL
 * and most databases: {@code 'read'}, not {@code 'read  '}. The conformance that does the same
 * ({@code PRAGMATIC_2003}) also changes ORDER BY aliases and other syntax, so the driver sets
 * this type system instead.
 */
public final class SendPilotTypeSystem extends RelDataTypeSystemImpl {
  /** The instance Calcite's {@code typeSystem} property loads. */
  public static final SendPilotTypeSystem INSTANCE = new SendPilotTypeSystem();

  private SendPilotTypeSystem() {
  }

  @Override public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
