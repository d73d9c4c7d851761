package ai.sendpilot.sql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The messages endpoint: required account, 404s, paging and consistency with the list. */
class MessagesEndpointTest {
  private static InboxSimulator sim;
  private static SimHttp http;

  @BeforeAll static void start() {
    sim = new InboxSimulator(SimulatorConfig.builder().seed(99).build()).start();
    http = new SimHttp(sim);
  }

  @AfterAll static void stop() {
    sim.close();
  }

  @Test void missingAccountIdIs400() {
    SimHttp.Reply reply = http.get(SimHttp.messages(sim.inbox().conversationId(3), null, 10, null));
    assertEquals(400, reply.status());
    assertEquals("Bad Request", reply.json().get("error").asText());
    assertEquals("accountId is required", reply.json().get("message").asText());
  }

  @Test void wrongAccountOrUnknownIdIs404() {
    String id = sim.inbox().conversationId(3);
    String owner = sim.inbox().accountIdOf(3);
    String other = sim.config().accountIds().stream().filter(a -> !a.equals(owner)).findFirst()
        .orElseThrow();
    SimHttp.Reply wrong = http.get(SimHttp.messages(id, other, 10, null));
    assertEquals(404, wrong.status());
    assertEquals(404, wrong.json().get("statusCode").asInt());
    assertEquals("Not Found", wrong.json().get("error").asText());
    assertEquals(404, http.get(SimHttp.messages("2-OVp-y-UNyFXBYvx0FqmQ", owner, 10, null))
        .status());
    assertEquals(404, http.get(SimHttp.messages("x", owner, 10, null)).status());
  }

  @Test void badLimitIs400() {
    String id = sim.inbox().conversationId(0);
    assertEquals(400, http.get(SimHttp.messages(id, sim.inbox().accountIdOf(0), 0, null)).status());
    assertEquals(400, http.get(SimHttp.messages(id, sim.inbox().accountIdOf(0), 101, null))
        .status());
  }

  @Test void pagingOneByOneMatchesOnePageAndMatchesTheConversation() {
    JsonNode conversations = http.get(SimHttp.conversations(null, 40, null)).json()
        .get("conversations");
    for (JsonNode c : conversations) {
      String id = c.get("id").asText();
      String account = c.get("accountId").asText();
      JsonNode whole = http.get(SimHttp.messages(id, account, 100, null)).json();
      assertEquals(id, whole.get("conversationId").asText());
      assertFalse(whole.get("pagination").get("hasMore").asBoolean());
      assertNull(SimHttp.token(whole));
      List<JsonNode> paged = new ArrayList<>();
      String token = null;
      do {
        JsonNode page = http.get(SimHttp.messages(id, account, 1, token)).json();
        assertTrue(page.get("messages").size() <= 1);
        page.get("messages").forEach(paged::add);
        token = SimHttp.token(page);
      } while (token != null);
      List<JsonNode> expected = new ArrayList<>();
      whole.get("messages").forEach(expected::add);
      assertEquals(expected, paged);
      assertTrue(paged.size() >= 2 && paged.size() <= 8, "message count " + paged.size());
      checkThread(c, paged);
    }
  }

  private static void checkThread(JsonNode conversation, List<JsonNode> messages) {
    JsonNode newest = messages.get(0);
    assertEquals(conversation.get("lastActivityAt").asText(), newest.get("sentAt").asText());
    if (conversation.has("lastMessage")) {
      JsonNode last = conversation.get("lastMessage");
      assertTrue(newest.get("content").asText().startsWith(last.get("content").asText()));
      assertEquals(newest.get("direction").asText(), last.get("direction").asText());
      assertEquals(newest.get("sentAt").asText(), last.get("sentAt").asText());
    }
    long unreadReceived = messages.stream()
        .filter(m -> m.get("readStatus").asText().equals("unread")
            && m.get("direction").asText().equals("received"))
        .count();
    assertEquals(conversation.get("unreadCount").asLong(), unreadReceived);
    Instant previous = Instant.MAX;
    for (JsonNode m : messages) {
      Instant at = Instant.parse(m.get("sentAt").asText());
      assertTrue(at.isBefore(previous));
      previous = at;
      assertEquals("TEXT", m.get("contentType").asText());
      assertTrue(Set.of("read", "unread", "unknown").contains(m.get("readStatus").asText()));
      String direction = m.get("direction").asText();
      assertTrue(direction.equals("sent") || direction.equals("received"));
      JsonNode me = direction.equals("sent") ? m.get("sender") : m.get("recipient");
      assertTrue(me.get("profileUrl").asText().startsWith("https://www.linkedin.com/in/"));
      if (m.has("attachments")) {
        assertTrue(m.get("attachments").size() > 0);
      }
    }
    assertTrue(Instant.parse(conversation.get("createdAt").asText()).isBefore(previous)
        || Instant.parse(conversation.get("createdAt").asText()).equals(previous));
  }
}
