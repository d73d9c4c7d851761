package ai.sendpilot.sql.scan;

/** A conversation whose messages are read: the account that owns it and its id. */
public record MessageKey(String accountId, String conversationId) {
}
