package ai.sendpilot.sql.server;

import ai.sendpilot.sql.demo.DemoInbox;
import ai.sendpilot.sql.demo.InboxJson.Conversation;
import ai.sendpilot.sql.demo.InboxJson.Participant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A dashboard's queries over a simulated inbox, each with its expected rows computed from the
 * simulator's data directly (not through the driver).
 */
final class DashboardQueries {
  private static final List<String> PAIR = List.of("acc_apac_01", "acc_na_01");

  private DashboardQueries() {
  }

  /** SQL to its rows, as {@code Jdbc.rows} prints them. */
  static Map<String, List<String>> of(DemoInbox inbox) {
    List<Conversation> all = new ArrayList<>();
    for (long k = 0; k < inbox.size(); k++) {
      all.add(inbox.conversation(k));
    }
    Map<String, List<String>> queries = new LinkedHashMap<>();
    queries.put("select account_id, count(*), sum(unread_count) from conversations"
        + " where unread_count > 0 group by account_id order by account_id", unread(all));
    queries.put("select account_id, count(*) from conversations"
        + " where account_id in ('acc_na_01', 'acc_apac_01')"
        + " and last_message_direction = 'received' group by account_id order by account_id",
        received(all));
    for (int a = 0; a < inbox.accountCount(); a++) {
      String account = inbox.accounts().get(a).accountId();
      queries.put("select id from conversations where account_id = '" + account
          + "' order by last_activity_at desc limit 10", latest(all, account));
      queries.put("select count(distinct profile_url) from participants where account_id = '"
          + account + "'", contacts(all, account));
    }
    return queries;
  }

  private static List<String> unread(List<Conversation> all) {
    Map<String, long[]> byAccount = new TreeMap<>();
    for (Conversation c : all) {
      if (c.unreadCount() > 0) {
        long[] countAndSum = byAccount.computeIfAbsent(c.accountId(), a -> new long[2]);
        countAndSum[0]++;
        countAndSum[1] += c.unreadCount();
      }
    }
    List<String> rows = new ArrayList<>();
    byAccount.forEach((account, v) -> rows.add(account + "; " + v[0] + "; " + v[1]));
    return rows;
  }

  private static List<String> received(List<Conversation> all) {
    Map<String, Long> byAccount = new TreeMap<>();
    for (Conversation c : all) {
      if (PAIR.contains(c.accountId()) && c.lastMessage() != null
          && "received".equals(c.lastMessage().direction())) {
        byAccount.merge(c.accountId(), 1L, Long::sum);
      }
    }
    List<String> rows = new ArrayList<>();
    byAccount.forEach((account, n) -> rows.add(account + "; " + n));
    return rows;
  }

  /** Conversations are listed newest first, so an account's first ten are its latest. */
  private static List<String> latest(List<Conversation> all, String account) {
    return all.stream().filter(c -> c.accountId().equals(account)).limit(10)
        .map(Conversation::id).toList();
  }

  private static List<String> contacts(List<Conversation> all, String account) {
    Set<String> urls = new HashSet<>();
    for (Conversation c : all) {
      if (c.accountId().equals(account)) {
        for (Participant p : c.participants()) {
          if (p.profileUrl() != null) {
            urls.add(p.profileUrl());
          }
        }
      }
    }
    return List.of(Integer.toString(urls.size()));
  }
}
