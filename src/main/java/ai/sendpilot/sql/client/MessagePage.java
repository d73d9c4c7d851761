package ai.sendpilot.sql.client;

import java.util.List;

/** One page of a conversation's messages and where the next page starts (null: none). */
public record MessagePage(String conversationId, List<Message> messages,
    String continuationToken, boolean hasMore) {
  public MessagePage {
    messages = List.copyOf(messages);
  }

  /** Whether another page can be asked for. */
  public boolean hasNextPage() {
    return hasMore && continuationToken != null;
  }
}
