package ai.sendpilot.sql.demo;

import java.util.List;

/** {@code GET /v1/inbox/conversations/{id}/messages}: one conversation's messages, newest first. */
final class MessagesEndpoint {
  private final DemoInbox inbox;

  MessagesEndpoint(DemoInbox inbox) {
    this.inbox = inbox;
  }

  InboxJson.MessagesPage page(String conversationId, QueryParams query) {
    String accountId = query.get("accountId");
    if (accountId == null) {
      throw ApiException.badRequest("accountId is required");
    }
    int limit = query.limit(50);
    long k = inbox.indexOf(conversationId);
    if (k < 0 || !inbox.accountIdOf(k).equals(accountId)) {
      throw ApiException.notFound("Conversation not found");
    }
    List<InboxJson.Message> all = inbox.thread(k).messages();
    int from = (int) query.token(all.size()).position();
    int to = Math.min(all.size(), from + limit);
    boolean hasMore = to < all.size();
    return new InboxJson.MessagesPage(conversationId, List.copyOf(all.subList(from, to)),
        new InboxJson.MessagesPagination(hasMore,
            hasMore ? ContinuationToken.at(to).encode() : null));
  }
}
