package ai.sendpilot.sql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A million conversations are served lazily: pages at any depth are quick and memory is flat. */
class MillionConversationsTest {
  private static final int MILLION = 1_000_000;

  @Test void filteredAndDeepPagesAreQuickWithoutMaterializingTheInbox() {
    long heapBefore = usedHeap();
    long began = System.nanoTime();
    SimulatorConfig config = SimulatorConfig.builder().conversations(MILLION).seed(11).build();
    try (InboxSimulator sim = new InboxSimulator(config).start()) {
      SimHttp http = new SimHttp(sim);

      JsonNode filtered = http.get(SimHttp.conversations("acc_na_01", 100, null)).json();
      assertEquals(100, filtered.get("conversations").size());
      filtered.get("conversations")
          .forEach(c -> assertEquals("acc_na_01", c.get("accountId").asText()));

      JsonNode deep = http.get(SimHttp.conversations(null, 100,
          ContinuationToken.at(999_900).encode())).json();
      assertEquals(100, deep.get("conversations").size());
      assertFalse(deep.get("pagination").get("hasMore").asBoolean());
      JsonNode oldest = deep.get("conversations").get(99);
      assertEquals(sim.inbox().conversationId(MILLION - 1), oldest.get("id").asText());
      JsonNode secondOldest = deep.get("conversations").get(98);
      assertTrue(Instant.parse(oldest.get("lastActivityAt").asText())
          .isBefore(Instant.parse(secondOldest.get("lastActivityAt").asText())));

      JsonNode deepFiltered = http.get(SimHttp.conversations("acc_apac_01", 100,
          ContinuationToken.at(999_900).encode())).json();
      assertEquals(25, deepFiltered.get("conversations").size());
      assertFalse(deepFiltered.get("pagination").get("hasMore").asBoolean());

      JsonNode nextToLast = http.get(SimHttp.conversations("acc_emea_01", 100,
          ContinuationToken.at(999_000).encode())).json();
      assertTrue(nextToLast.get("pagination").get("hasMore").asBoolean());

      String id = oldest.get("id").asText();
      JsonNode messages = http.get(SimHttp.messages(id, oldest.get("accountId").asText(), 50,
          null)).json();
      assertTrue(messages.get("messages").size() >= 2);

      assertTrue(Duration.ofNanos(System.nanoTime() - began).toMillis() < 5_000,
          "a million-conversation inbox must start and serve deep pages quickly");
      long grown = usedHeap() - heapBefore;
      assertTrue(grown < 64L * 1024 * 1024, "heap grew by " + grown + " bytes");
    }
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
