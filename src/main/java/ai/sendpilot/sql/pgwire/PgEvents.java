package ai.sendpilot.sql.pgwire;

import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * What the endpoint reports to the server's metrics.
 *
 * @param queryServed a query answered, with its milliseconds
 * @param queryFailed a query that failed
 * @param connectionOpened a session authenticated and opened
 * @param rejected a session refused by a limit
 */
public record PgEvents(LongConsumer queryServed, Runnable queryFailed,
    Runnable connectionOpened, Runnable rejected) {
  /** Events nobody counts. */
  public static final PgEvents NONE = new PgEvents(ms -> { }, () -> { }, () -> { }, () -> { });

  public PgEvents {
    Objects.requireNonNull(queryServed);
    Objects.requireNonNull(queryFailed);
    Objects.requireNonNull(connectionOpened);
    Objects.requireNonNull(rejected);
  }
}
