package ai.sendpilot.sql.demo;

/** A LinkedIn sender account of the workspace and the person who owns it. */
public record SenderAccount(String accountId, String personId, String name, String profileUrl) {
}
