package ai.sendpilot.sql.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /v1/inbox/conversations}: newest activity first, optional account filter. The
 * cursor is the index of the next conversation; with a filter only that account's indexes
 * ({@code k mod accounts = a}) are visited, so a page costs O(limit) however deep it is.
 */
final class ConversationsEndpoint {
  private final DemoInbox inbox;
  private final FaultPlan faults;
  private final AtomicLong pagesServed = new AtomicLong();

  ConversationsEndpoint(DemoInbox inbox, FaultPlan faults) {
    this.inbox = inbox;
    this.faults = faults;
  }

  /**
   * Serves one page.
   *
   * @param counted false for a faulted request, which must not advance the empty-page schedule
   */
  InboxJson.ConversationsPage page(QueryParams query, boolean counted) {
    int limit = query.limit(20);
    ContinuationToken token = query.token(inbox.size());
    String accountId = query.get("accountId");
    int account = accountId == null ? -1 : inbox.accountIndex(accountId);
    if (accountId != null && account < 0) {
      return new InboxJson.ConversationsPage(List.of(),
          new InboxJson.Pagination(null, limit, false));
    }
    long stride = account < 0 ? 1 : inbox.accountCount();
    long k = account < 0 ? token.position() : alignUp(token.position(), account, stride);
    List<InboxJson.Conversation> conversations = new ArrayList<>(limit);
    for (; conversations.size() < limit && k < inbox.size(); k += stride) {
      conversations.add(inbox.conversation(k));
    }
    long pageNumber = counted ? pagesServed.incrementAndGet() : 0;
    if (pageNumber > 0 && !conversations.isEmpty() && faults.emptyPage(pageNumber)) {
      String resume = new ContinuationToken(token.position(), pageNumber).encode();
      return new InboxJson.ConversationsPage(List.of(),
          new InboxJson.Pagination(resume, limit, true));
    }
    boolean hasMore = k < inbox.size();
    String next = hasMore ? ContinuationToken.at(k).encode() : null;
    return new InboxJson.ConversationsPage(List.copyOf(conversations),
        new InboxJson.Pagination(next, limit, hasMore));
  }

  /** The smallest {@code k >= position} with {@code k mod stride = residue}. */
  private static long alignUp(long position, long residue, long stride) {
    return position + Math.floorMod(residue - position, stride);
  }
}
