package ai.sendpilot.sql.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One inbox conversation as the API returns it; fields other than the id may be null. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Conversation(
    String id,
    String accountId,
    List<Participant> participants,
    LastMessage lastMessage,
    Instant lastActivityAt,
    Integer unreadCount,
    Instant createdAt,
    Instant updatedAt) {

  public Conversation {
    participants = participants == null ? List.of()
        : participants.stream().filter(Objects::nonNull).toList();
  }
}
