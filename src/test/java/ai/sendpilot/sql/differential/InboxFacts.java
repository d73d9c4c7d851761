package ai.sendpilot.sql.differential;

import ai.sendpilot.sql.demo.DemoInbox;
import ai.sendpilot.sql.demo.SenderAccount;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What the query generator knows of the data: the account ids, ids that match nothing, and
 * activity times that occur in the inbox (as SQL timestamp literals, to hit ties).
 */
record InboxFacts(List<String> accounts, List<String> unknownAccounts,
    List<String> activityTimes) {
  private static final DateTimeFormatter SQL_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

  static InboxFacts of(DemoInbox inbox) {
    List<String> accounts = inbox.accounts().stream().map(SenderAccount::accountId).toList();
    List<String> times = List.of(0.1, 0.3, 0.5, 0.7, 0.9).stream()
        .map(share -> timestamp(inbox.lastActivityAt((long) (share * (inbox.size() - 1)))))
        .toList();
    return new InboxFacts(accounts, List.of("acc_none", "ACC_EMEA_01", "acc_", ""), times);
  }

  private static String timestamp(long epochMillis) {
    return "timestamp '" + SQL_TIMESTAMP.format(
        LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC)) + "'";
  }
}
