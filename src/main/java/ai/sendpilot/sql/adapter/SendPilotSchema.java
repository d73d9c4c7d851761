package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.client.SendPilotClient;
import ai.sendpilot.sql.scan.PageSharing;
import ai.sendpilot.sql.scan.QueryLimits;
import ai.sendpilot.sql.scan.ScanOptions;
import ai.sendpilot.sql.scan.SendPilotTableKind;
import com.google.common.collect.ImmutableMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The {@code sendpilot} schema: the inbox tables of one API key. Made from settings by
 * {@link SendPilotSchemas#create}.
 */
public final class SendPilotSchema extends AbstractSchema {
  /** The name the driver gives the schema. */
  public static final String NAME = "sendpilot";

  private final Map<String, Table> tables;
  private final PageCounts counts = new PageCounts();
  private final QueryLimits limits;

  SendPilotSchema(SendPilotClient client, ScanOptions options, QueryLimits limits) {
    this.limits = limits;
    PageSharing pages = new PageSharing(counts.fetching(client), options.pageCacheTtl(),
        options.pageCacheMaxConversations());
    ImmutableMap.Builder<String, Table> builder = ImmutableMap.builder();
    for (SendPilotTableKind kind : SendPilotTableKind.values()) {
      builder.put(kind.tableName(),
          new SendPilotTable(pages, counts, kind, options, client, limits));
    }
    this.tables = builder.build();
  }

  /** What each query over this schema may take. */
  public QueryLimits queryLimits() {
    return limits;
  }

  /** The pages this schema's scans read and fetched so far. */
  public PageCounts pageCounts() {
    return counts;
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }
}
