package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.Conversation;
import ai.sendpilot.sql.client.ConversationPage;
import ai.sendpilot.sql.client.ConversationStream;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The conversations of one account (or of all accounts) as a scan reads them: the API's pages,
 * newest activity first, ended at the first conversation older than the scan's cutoff, since
 * every one after it is older still. Ending closes the pages, which cancels the read-ahead. An
 * account named in the query that has no conversation at all is worth a warning: a typo'd id
 * would otherwise just return no rows.
 */
final class AccountStream implements AutoCloseable {
  private final ConversationStream pages;
  private final @Nullable ActivityCutoff cutoff;
  private final @Nullable String namedAccount;
  private final Consumer<String> warnings;
  private boolean ended;
  private boolean anyConversation;

  /**
   * @param namedAccount the account, when the query names it (warned about when empty)
   * @param warnings where the statement's warnings go
   */
  AccountStream(ConversationStream pages, @Nullable ActivityCutoff cutoff,
      @Nullable String namedAccount, Consumer<String> warnings) {
    this.pages = pages;
    this.cutoff = cutoff;
    this.namedAccount = namedAccount;
    this.warnings = warnings;
  }

  /** Whether another conversation comes; waits for the API when none is buffered. */
  boolean hasNext() {
    if (ended) {
      return false;
    }
    if (!pages.hasNext()) {
      ended = true;
      if (!anyConversation && namedAccount != null) {
        warnings.accept("SendPilot returned no conversation for account_id '" + namedAccount
            + "' (its first page was empty): check the account id, for example against"
            + " select distinct account_id from sendpilot.conversations.");
      }
      return false;
    }
    anyConversation = true;
    if (cutoff == null) {
      return true;
    }
    Instant at = pages.peek().lastActivityAt();
    if (at != null && !cutoff.admits(at)) {
      ended = true;
      pages.close();
      return false;
    }
    return true;
  }

  /** The next conversation, without taking it. */
  Conversation peek() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pages.peek();
  }

  Conversation next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pages.next();
  }

  /** Whether {@link #hasNext} would answer without waiting. */
  boolean ready() {
    return ended || pages.ready();
  }

  /** The request {@link #hasNext} would wait for, or null. */
  @Nullable CompletableFuture<ConversationPage> pending() {
    return ended ? null : pages.pending();
  }

  @Override public void close() {
    pages.close();
  }
}
