package ai.sendpilot.sql.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The sender or recipient of a message, as the API returns it; any field may be null. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageParty(String id, String name, String profileUrl) {
}
