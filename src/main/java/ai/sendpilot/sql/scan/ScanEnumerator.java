package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.ApiErrors;
import ai.sendpilot.sql.client.CallControl;
import ai.sendpilot.sql.client.Conversation;
import ai.sendpilot.sql.client.ConversationStream;
import ai.sendpilot.sql.client.FetchBudget;
import ai.sendpilot.sql.client.PageFetcher;
import ai.sendpilot.sql.client.SendPilotApiException;
import ai.sendpilot.sql.client.SendPilotCancelledException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Rows of one execution of a {@link ScanSpec}: takes conversations from the accounts' streams
 * (one after another, merged newest first, or merged as pages arrive; each ended at the scan's
 * cutoff), turns them into rows, and stops as soon as the limit is reached.
 */
public final class ScanEnumerator implements Enumerator<Object[]> {
  private final ConversationRows rowsOf;
  private final Long limit;
  private final CallControl control;
  private final ArrayDeque<Object[]> rows = new ArrayDeque<>();
  private final ConversationSource source;
  private Object[] current;
  private long emitted;
  private long taken;
  private long toSkip;

  /**
   * Opens a scan.
   *
   * @param warnings where the statement's warnings go (an account without conversations)
   */
  public ScanEnumerator(PageFetcher fetcher, ScanSpec.ResolvedScan spec, CallControl control,
      Consumer<String> warnings) {
    this.rowsOf = spec.rows();
    this.limit = spec.limit();
    this.toSkip = spec.skip();
    this.control = control;
    this.source = spec.isEmpty() ? new SequentialSource(null, List.of(), null)
        : open(fetcher, spec, warnings);
  }

  private ConversationSource open(PageFetcher fetcher, ScanSpec.ResolvedScan spec,
      Consumer<String> warnings) {
    List<String> accounts = spec.accountIds() == null
        ? Collections.singletonList(null) : List.copyOf(spec.accountIds());
    ActivityCutoff cutoff = spec.cutoff();
    StreamFactory streams = (account, budget) -> {
      if (cutoff == null) {
        return new AccountStream(new ConversationStream(fetcher, account, budget,
            rowsOf::rowCount, spec.reliesOnOrder(), control), null, account, warnings);
      }
      CutoffWatch watch = new CutoffWatch(fetcher, cutoff);
      return new AccountStream(new ConversationStream(watch, account, watch.limit(budget),
          rowsOf::rowCount, spec.reliesOnOrder(), control), cutoff, account, warnings);
    };
    FetchBudget budget = limit == null ? FetchBudget.UNLIMITED : held -> limit - taken - held;
    if (accounts.size() > 1 && spec.newestFirst()) {
      return new NewestFirstMerge(streams, accounts, budget);
    }
    if (accounts.size() > 1 && limit == null) {
      return new ArrivalOrderMerge(streams, accounts, control);
    }
    return new SequentialSource(streams, accounts, budget);
  }

  @Override public Object[] current() {
    if (current == null) {
      throw new NoSuchElementException();
    }
    return current;
  }

  @Override public boolean moveNext() {
    try {
      for (; toSkip > 0; toSkip--) {
        if (!advance()) {
          return false;
        }
      }
      return advance();
    } catch (SendPilotApiException e) {
      throw e.whileReading(rowsOf.describe());
    }
  }

  private boolean advance() {
    if (limit != null && emitted >= limit) {
      return false;
    }
    while (rows.isEmpty()) {
      control.check(() -> "reading " + rowsOf.describe());
      Conversation c;
      try {
        c = source.next();
      } catch (SendPilotApiException | SendPilotCancelledException e) {
        throw e;
      } catch (RuntimeException e) {
        // A close from another thread can pull the streams from under this read: that is the
        // cancellation it raised first, not a fault of the scan.
        control.check(() -> "reading " + rowsOf.describe());
        throw e;
      }
      if (c == null) {
        // Likewise an end that a concurrent close caused is a cancellation, never the last row.
        control.check(() -> "reading " + rowsOf.describe());
        current = null;
        return false;
      }
      taken += rowsOf.rowCount(c);
      rowsOf.addRows(checked(c), rows);
    }
    current = rows.poll();
    emitted++;
    return true;
  }

  private Conversation checked(Conversation c) {
    if (c.id() == null || c.accountId() == null) {
      throw ApiErrors.unidentifiedConversation(c.id(), rowsOf.describe());
    }
    return c;
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("A SendPilot scan cannot be rewound");
  }

  @Override public void close() {
    source.close();
    rows.clear();
  }
}
