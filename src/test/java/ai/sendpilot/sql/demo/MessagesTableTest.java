package ai.sendpilot.sql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.QueryAssert;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The messages table over the simulator equals the simulator's own messages, read directly. */
class MessagesTableTest {
  private static final int CONVERSATIONS = 25;
  private static InboxSimulator sim;
  private static SimHttp http;

  @BeforeAll static void start() {
    sim = new InboxSimulator(SimulatorConfig.builder().seed(7).build()).start();
    http = new SimHttp(sim);
  }

  @AfterAll static void stop() {
    sim.close();
  }

  /** The rows the join should return, from the simulator's JSON, conversations newest first. */
  private static List<String> expected() {
    List<String> rows = new ArrayList<>();
    for (JsonNode c : http.get(SimHttp.conversations(null, CONVERSATIONS, null)).json()
        .get("conversations")) {
      String account = c.get("accountId").asText();
      JsonNode page = http.get(SimHttp.messages(c.get("id").asText(), account, 100, null))
          .json();
      for (JsonNode m : page.get("messages")) {
        rows.add(String.join("; ", account, c.get("id").asText(), m.get("id").asText(),
            m.get("direction").asText(), m.get("readStatus").asText(),
            m.get("sender").get("profileUrl").asText(),
            m.has("attachments") ? "attached" : "none"));
      }
    }
    return rows;
  }

  @Test void lookupJoinReturnsEveryMessageOfTheConversationsInTheirOrder() {
    String sql = "select m.account_id, m.conversation_id, m.id, m.direction, m.read_status,"
        + " m.sender_profile_url,"
        + " case when m.attachments is null then 'none' else 'attached' end"
        + " from (select id, account_id from conversations"
        + " order by last_activity_at desc limit " + CONVERSATIONS + ") c"
        + " join messages m on m.conversation_id = c.id and m.account_id = c.account_id";
    QueryAssert query = QueryAssert.on(sim);
    assertTrue(query.query(sql).plan().contains("SendPilotMessageLookup"),
        query.query(sql).plan());
    assertEquals(expected(), query.query(sql).rows());
  }

  @Test void unreadReceivedMessagesAgreeWithUnreadCounts() {
    String sql = "select c.id, c.unread_count, count(m.id) from (select id, account_id,"
        + " unread_count from conversations order by last_activity_at desc limit "
        + CONVERSATIONS + ") c join messages m on m.conversation_id = c.id"
        + " and m.account_id = c.account_id"
        + " and m.direction = 'received' and m.read_status = 'unread'"
        + " group by c.id, c.unread_count";
    for (String row : QueryAssert.on(sim).query(sql).rows()) {
      String[] f = row.split("; ", -1);
      assertEquals(f[1], f[2], row);
    }
  }
}
