package ai.sendpilot.sql.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** The newest message of a conversation (content truncated by the API to 100 characters). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LastMessage(String content, Instant sentAt, String direction) {
}
