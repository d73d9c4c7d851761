package ai.sendpilot.sql.client;

import java.util.Objects;

/**
 * One page of {@code GET /v1/inbox/conversations/{conversationId}/messages}; a conversation id
 * that would reach another path is refused ({@link PathSegments}).
 *
 * @param accountId the sender account that owns the conversation (the API requires it)
 * @param conversationId the conversation
 * @param limit page size, 1..100
 * @param continuationToken token of the previous page, or null for the first page
 */
public record MessagePageRequest(String accountId, String conversationId, int limit,
    String continuationToken) {
  public MessagePageRequest {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(conversationId, "conversationId");
    PathSegments.conversationId(conversationId, "conversation_id");
    if (limit < 1 || limit > ClientConfig.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("limit must be within 1.." + ClientConfig.MAX_PAGE_SIZE
          + ", got " + limit);
    }
  }
}
