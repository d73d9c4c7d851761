package ai.sendpilot.sql.client;

import java.util.List;

/** One page of conversations and where the next page starts (null token: no next page). */
public record ConversationPage(List<Conversation> conversations, String continuationToken,
    boolean hasMore) {

  public ConversationPage {
    conversations = List.copyOf(conversations);
  }

  /** Whether another page can be asked for. */
  public boolean hasNextPage() {
    return hasMore && continuationToken != null;
  }
}
