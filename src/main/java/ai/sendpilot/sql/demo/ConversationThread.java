package ai.sendpilot.sql.demo;

import java.util.List;

/** A conversation summary together with all its messages, newest first. */
public record ConversationThread(InboxJson.Conversation conversation,
    List<InboxJson.Message> messages) {
}
