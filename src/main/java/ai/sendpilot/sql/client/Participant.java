package ai.sendpilot.sql.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One participant of a conversation, as the API returns it; any field may be null. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Participant(String id, String name, String profileUrl, String profilePicture) {
}
