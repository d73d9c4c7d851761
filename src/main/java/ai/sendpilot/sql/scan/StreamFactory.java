package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.ConversationStream;
import ai.sendpilot.sql.client.FetchBudget;

/** Opens the conversation stream of one account (null: all accounts) within a budget. */
@FunctionalInterface
interface StreamFactory {
  ConversationStream open(String accountId, FetchBudget budget);
}
