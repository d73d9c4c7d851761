package ai.sendpilot.sql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paging over the conversations list, the account filter, and determinism. */
class ConversationPagingTest {
  private static InboxSimulator sim;
  private static SimHttp http;

  @BeforeAll static void start() {
    sim = new InboxSimulator(SimulatorConfig.builder().seed(2024).build()).start();
    http = new SimHttp(sim);
  }

  @AfterAll static void stop() {
    sim.close();
  }

  /** Every conversation of a full walk, in order. */
  static List<JsonNode> walk(SimHttp http, String accountId, int limit) {
    List<JsonNode> all = new ArrayList<>();
    String token = null;
    do {
      SimHttp.Reply reply = http.get(SimHttp.conversations(accountId, limit, token));
      assertEquals(200, reply.status(), reply.body());
      JsonNode page = reply.json();
      page.get("conversations").forEach(all::add);
      token = SimHttp.token(page);
      assertEquals(token != null, page.get("pagination").get("hasMore").asBoolean());
    } while (token != null);
    return all;
  }

  @Test void walkWithLimit100ReturnsEveryConversationOnceNewestFirst() {
    List<JsonNode> all = walk(http, null, 100);
    assertEquals(3000, all.size());
    Set<String> ids = new HashSet<>();
    Instant previous = Instant.MAX;
    for (JsonNode c : all) {
      assertTrue(ids.add(c.get("id").asText()), "duplicate " + c.get("id"));
      Instant at = Instant.parse(c.get("lastActivityAt").asText());
      assertTrue(at.isBefore(previous), "order broken at " + c.get("id"));
      previous = at;
    }
    assertEquals(sim.inbox().conversationId(2999), all.get(2999).get("id").asText());
  }

  @Test void lastPageHasNullTokenAndNoMore() {
    JsonNode last = http.get(SimHttp.conversations(null, 100,
        ContinuationToken.at(2950).encode())).json();
    assertEquals(50, last.get("conversations").size());
    assertFalse(last.get("pagination").get("hasMore").asBoolean());
    assertTrue(last.get("pagination").has("continuationToken"));
    assertNull(SimHttp.token(last));
  }

  @Test void accountFilterWalksOnlyThatAccountAndAccountsPartitionTheInbox() {
    Set<String> unfiltered = new HashSet<>();
    walk(http, null, 100).forEach(c -> unfiltered.add(c.get("id").asText()));
    Set<String> union = new HashSet<>();
    for (String account : sim.config().accountIds()) {
      List<JsonNode> own = walk(http, account, 100);
      assertEquals(750, own.size());
      Instant previous = Instant.MAX;
      for (JsonNode c : own) {
        assertEquals(account, c.get("accountId").asText());
        assertTrue(union.add(c.get("id").asText()));
        Instant at = Instant.parse(c.get("lastActivityAt").asText());
        assertTrue(at.isBefore(previous));
        previous = at;
      }
    }
    assertEquals(unfiltered, union);
  }

  @Test void filteredWalkWithOddPageSizeMatchesFilteringTheFullList() {
    List<String> expected = new ArrayList<>();
    walk(http, null, 100).stream().filter(c -> c.get("accountId").asText().equals("acc_na_01"))
        .forEach(c -> expected.add(c.get("id").asText()));
    List<String> actual = new ArrayList<>();
    walk(http, "acc_na_01", 7).forEach(c -> actual.add(c.get("id").asText()));
    assertEquals(expected, actual);
  }

  @Test void unknownAccountGivesAnEmptyLastPage() {
    JsonNode page = http.get(SimHttp.conversations("acc_nobody", 10, null)).json();
    assertEquals(0, page.get("conversations").size());
    assertFalse(page.get("pagination").get("hasMore").asBoolean());
  }

  @Test void sameSeedServesIdenticalJsonAndAnotherSeedDoesNot() {
    List<String> urls = List.of(SimHttp.conversations(null, 100, null),
        SimHttp.conversations("acc_emea_02", 50, ContinuationToken.at(1234).encode()),
        SimHttp.messages(sim.inbox().conversationId(5), sim.inbox().accountIdOf(5), 50, null));
    try (InboxSimulator twin = new InboxSimulator(SimulatorConfig.builder().seed(2024).build())
            .start();
        InboxSimulator other = new InboxSimulator(SimulatorConfig.builder().seed(2025).build())
            .start()) {
      SimHttp twinHttp = new SimHttp(twin);
      for (String url : urls) {
        assertEquals(http.get(url).body(), twinHttp.get(url).body(), url);
      }
      assertNotEquals(http.get(urls.get(0)).body(), new SimHttp(other).get(urls.get(0)).body());
    }
  }

  @Test void concurrentClientsGetConsistentPages() throws Exception {
    String url = SimHttp.conversations(null, 100, ContinuationToken.at(500).encode());
    String expected = http.get(url).body();
    List<Thread> threads = new ArrayList<>();
    List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 8; i++) {
      Thread t = new Thread(() -> bodies.add(http.get(url).body()));
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(8, bodies.size());
    bodies.forEach(b -> assertEquals(expected, b));
  }
}
