package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.Conversation;
import ai.sendpilot.sql.client.ConversationPage;
import ai.sendpilot.sql.client.FetchBudget;
import ai.sendpilot.sql.client.PageFetcher;
import ai.sendpilot.sql.client.PageListener;
import ai.sendpilot.sql.client.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Watches the pages of one stream for its cutoff: once a page has arrived whose last
 * conversation is older than the cutoff, the window ends on that page and the stream asks for
 * no further page, not even one to read ahead.
 */
final class CutoffWatch implements PageFetcher {
  private final PageFetcher pages;
  private final ActivityCutoff cutoff;
  private volatile CompletableFuture<ConversationPage> latest;

  CutoffWatch(PageFetcher pages, ActivityCutoff cutoff) {
    this.pages = pages;
    this.cutoff = cutoff;
  }

  @Override public CompletableFuture<ConversationPage> fetch(PageRequest request,
      PageListener early) {
    CompletableFuture<ConversationPage> page = pages.fetch(request, early);
    latest = page;
    return page;
  }

  @Override public int pageSize() {
    return pages.pageSize();
  }

  @Override public int maxEmptyPages() {
    return pages.maxEmptyPages();
  }

  @Override public String describe(PageRequest request) {
    return pages.describe(request);
  }

  /** {@code budget}, until the latest page asked for has arrived and ends past the cutoff. */
  FetchBudget limit(FetchBudget budget) {
    return held -> endsPastCutoff() ? 0 : budget.askable(held);
  }

  private boolean endsPastCutoff() {
    CompletableFuture<ConversationPage> page = latest;
    if (page == null || !page.isDone() || page.isCompletedExceptionally()) {
      return false;
    }
    List<Conversation> conversations = page.join().conversations();
    if (conversations.isEmpty()) {
      return false;
    }
    Instant at = conversations.get(conversations.size() - 1).lastActivityAt();
    return at != null && !cutoff.admits(at);
  }
}
