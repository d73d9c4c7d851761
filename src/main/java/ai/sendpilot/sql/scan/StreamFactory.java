package ai.sendpilot.sql.scan;

import ai.sendpilot.sql.client.FetchBudget;

/** Opens the conversation stream of one account (null: all accounts) within a budget. */
@FunctionalInterface
interface StreamFactory {
  AccountStream open(String accountId, FetchBudget budget);
}
