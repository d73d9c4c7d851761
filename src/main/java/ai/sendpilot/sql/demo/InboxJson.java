package ai.sendpilot.sql.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The JSON shapes of the inbox API, as immutable records serialized by Jackson. */
public final class InboxJson {
  private InboxJson() {
  }

  /** A participant of a conversation; {@code profilePicture} is omitted when null. */
  public record Participant(String id, String name, String profileUrl,
      @JsonInclude(JsonInclude.Include.NON_NULL) String profilePicture) {
  }

  /** The summary of a conversation's newest message. */
  public record LastMessage(String content, String sentAt, String direction) {
  }

  /** One conversation; {@code lastMessage} is omitted when null. */
  public record Conversation(String id, String accountId, List<Participant> participants,
      @JsonInclude(JsonInclude.Include.NON_NULL) LastMessage lastMessage, String lastActivityAt,
      int unreadCount, String createdAt, String updatedAt) {
  }

  /** Paging block of the conversations list; the token is null on the last page. */
  public record Pagination(String continuationToken, int limit, boolean hasMore) {
  }

  /** A page of conversations. */
  public record ConversationsPage(List<Conversation> conversations, Pagination pagination) {
  }

  /** Sender or recipient of a message. */
  public record PersonRef(String id, String name, String profileUrl) {
  }

  /** A file attached to a message. */
  public record Attachment(String id, String type, String name, String url) {
  }

  /** One message; {@code attachments} is omitted when null (there are none). */
  public record Message(String id, String content, PersonRef sender, PersonRef recipient,
      String direction, String sentAt, String readStatus, String contentType,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Attachment> attachments) {
  }

  /** Paging block of the messages list; the token is null on the last page. */
  public record MessagesPagination(boolean hasMore, String continuationToken) {
  }

  /** A page of messages of one conversation. */
  public record MessagesPage(String conversationId, List<Message> messages,
      MessagesPagination pagination) {
  }

  /** The error body, e.g. 401 "Invalid API key" "Unauthorized". */
  public record Error(int statusCode, String message, String error) {
  }
}
