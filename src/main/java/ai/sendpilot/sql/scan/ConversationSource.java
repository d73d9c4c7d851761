package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.Conversation;

/** Where a scan takes its conversations from: one or several account streams, merged. */
interface ConversationSource extends AutoCloseable {
  /** The next conversation, or null at the end. */
  Conversation next();

  @Override void close();
}
