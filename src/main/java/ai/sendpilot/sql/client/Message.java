package ai.sendpilot.sql.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One message of a conversation, as the API returns it; any field may be null, and
 * {@code attachments} is absent when there are none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Message(String id, String content, MessageParty sender, MessageParty recipient,
    String direction, Instant sentAt, String readStatus, String contentType,
    JsonNode attachments) {
  /** The attachments as JSON text, or null when the API sent none (absent or null). */
  public String attachmentsJson() {
    return attachments == null || attachments.isNull() ? null : attachments.toString();
  }
}
