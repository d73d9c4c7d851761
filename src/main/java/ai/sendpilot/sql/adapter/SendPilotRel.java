package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.scan.ScanSpec;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/** A relational operator answered by SendPilot API requests; each knows the state it pushes. */
public interface SendPilotRel extends RelNode {
  /** Calling convention of operators that run inside the API scan. */
  Convention CONVENTION = new Convention.Impl("SENDPILOT", SendPilotRel.class);

  /** The table at the bottom of this operator tree. */
  SendPilotTable sendPilotTable();

  /** What this operator and the ones below it push into the API requests. */
  ScanSpec scanSpec();
}
