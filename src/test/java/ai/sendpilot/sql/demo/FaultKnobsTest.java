package ai.sendpilot.sql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each fault knob, and a retrying client that still reads the whole inbox exactly once. */
class FaultKnobsTest {
  private static final String FIRST_PAGE = SimHttp.conversations(null, 100, null);

  private static InboxSimulator start(SimulatorConfig.Builder config) {
    return new InboxSimulator(config.seed(5).build()).start();
  }

  @Test void throttleEveryNthRequestWithRetryAfter() {
    try (InboxSimulator sim = start(SimulatorConfig.builder().throttleEvery(3))) {
      SimHttp http = new SimHttp(sim);
      String expected = null;
      for (int n = 1; n <= 9; n++) {
        SimHttp.Reply reply = http.get(FIRST_PAGE);
        if (n % 3 == 0) {
          assertEquals(429, reply.status(), "request " + n);
          assertEquals("1", reply.header("Retry-After"));
          assertEquals(429, reply.json().get("statusCode").asInt());
          assertEquals("Too Many Requests", reply.json().get("error").asText());
        } else {
          assertEquals(200, reply.status(), "request " + n);
          expected = expected == null ? reply.body() : expected;
          assertEquals(expected, reply.body(), "a retry gets the same page");
          assertNull(reply.header("Retry-After"));
        }
      }
      assertEquals(9, sim.requestCount());
    }
  }

  @Test void serverErrorEveryNthRequest() {
    try (InboxSimulator sim = start(SimulatorConfig.builder().serverErrorEvery(4))) {
      SimHttp http = new SimHttp(sim);
      for (int n = 1; n <= 8; n++) {
        SimHttp.Reply reply = http.get(FIRST_PAGE);
        assertEquals(n % 4 == 0 ? 503 : 200, reply.status(), "request " + n);
        if (n % 4 == 0) {
          assertEquals(503, reply.json().get("statusCode").asInt());
          assertEquals("Service Unavailable", reply.json().get("error").asText());
        }
      }
    }
  }

  @Test void malformedBodyAtRequestN() {
    try (InboxSimulator sim = start(SimulatorConfig.builder().malformedAtRequest(2))) {
      SimHttp http = new SimHttp(sim);
      String good = http.get(FIRST_PAGE).body();
      SimHttp.Reply bad = http.get(FIRST_PAGE);
      assertEquals(200, bad.status());
      assertTrue(good.startsWith(bad.body()));
      assertThrows(JsonProcessingException.class, () -> SimHttp.JSON.readTree(bad.body()));
      assertEquals(good, http.get(FIRST_PAGE).body(), "only request 2 is malformed");
    }
  }

  @Test void emptyPageEveryNthPageStillContinuesWithAFreshToken() {
    try (InboxSimulator sim = start(SimulatorConfig.builder().emptyPageEvery(3))) {
      SimHttp http = new SimHttp(sim);
      Set<String> tokens = new HashSet<>();
      List<String> ids = new ArrayList<>();
      String token = null;
      int page = 0;
      do {
        JsonNode body = http.get(SimHttp.conversations(null, 100, token)).json();
        page++;
        int size = body.get("conversations").size();
        if (page % 3 == 0) {
          assertEquals(0, size, "page " + page);
          assertTrue(body.get("pagination").get("hasMore").asBoolean());
          assertNotNull(SimHttp.token(body));
        }
        body.get("conversations").forEach(c -> ids.add(c.get("id").asText()));
        String next = SimHttp.token(body);
        if (next != null) {
          assertTrue(tokens.add(next), "token repeated on page " + page);
          assertNotEquals(token, next);
        }
        token = next;
      } while (token != null);
      assertEquals(3000, ids.size());
      assertEquals(3000, new HashSet<>(ids).size());
      assertEquals(sim.inbox().conversationId(0), ids.get(0));
    }
  }

  @Test void retryingClientReadsEverythingOnceDespiteAllFaults() {
    SimulatorConfig.Builder config = SimulatorConfig.builder().throttleEvery(5)
        .serverErrorEvery(7).malformedAtRequest(4).emptyPageEvery(4);
    try (InboxSimulator sim = start(config);
        InboxSimulator clean = start(SimulatorConfig.builder())) {
      assertEquals(ids(new SimHttp(clean), "acc_emea_02"), ids(new SimHttp(sim), "acc_emea_02"));
      assertEquals(ids(new SimHttp(clean), null), ids(new SimHttp(sim), null));
    }
  }

  @Test void latencyDelaysEveryRequest() {
    try (InboxSimulator sim = start(SimulatorConfig.builder().latency(Duration.ofMillis(120)))) {
      SimHttp http = new SimHttp(sim);
      long began = System.nanoTime();
      assertEquals(200, http.get(FIRST_PAGE).status());
      assertEquals(401, http.get(FIRST_PAGE, "bad").status());
      assertTrue(System.nanoTime() - began >= Duration.ofMillis(240).toNanos());
    }
  }

  /** Ids of a full walk by a client that retries the same URL after 429, 503 or broken JSON. */
  private static List<String> ids(SimHttp http, String accountId) {
    List<String> ids = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = fetch(http, SimHttp.conversations(accountId, 100, token));
      page.get("conversations").forEach(c -> ids.add(c.get("id").asText()));
      token = SimHttp.token(page);
    } while (token != null);
    return ids;
  }

  private static JsonNode fetch(SimHttp http, String url) {
    for (int attempt = 0; attempt < 10; attempt++) {
      SimHttp.Reply reply = http.get(url);
      if (reply.status() == 200) {
        try {
          return SimHttp.JSON.readTree(reply.body());
        } catch (JsonProcessingException e) {
          continue;
        }
      }
      assertTrue(reply.status() == 429 || reply.status() == 503, reply.body());
    }
    throw new AssertionError("no good answer for " + url);
  }
}
