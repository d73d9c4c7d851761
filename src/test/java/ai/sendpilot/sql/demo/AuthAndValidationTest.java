package ai.sendpilot.sql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Authentication, parameter validation and error bodies. */
class AuthAndValidationTest {
  private static InboxSimulator sim;
  private static SimHttp http;

  @BeforeAll static void start() {
    sim = new InboxSimulator(SimulatorConfig.builder().seed(1).build()).start();
    http = new SimHttp(sim);
  }

  @AfterAll static void stop() {
    sim.close();
  }

  @Test void missingKeyIs401WithDocumentedBody() throws Exception {
    SimHttp.Reply reply = http.get("/v1/inbox/conversations", null);
    assertEquals(401, reply.status());
    assertEquals(SimHttp.JSON.readTree(
        "{\"statusCode\":401,\"message\":\"Invalid API key\",\"error\":\"Unauthorized\"}"),
        reply.json());
    assertTrue(reply.header("Content-Type").startsWith("application/json"));
  }

  @Test void wrongKeyIs401() {
    SimHttp.Reply reply = http.get("/v1/inbox/conversations", "not-the-key");
    assertEquals(401, reply.status());
    assertEquals("Invalid API key", reply.json().get("message").asText());
    assertEquals(401, http.get(SimHttp.messages(sim.inbox().conversationId(0), "acc_emea_01", 5,
        null), "nope").status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "101", "abc", "-1", "1.5", "", "1000"})
  void badLimitIs400(String limit) {
    SimHttp.Reply reply = http.get("/v1/inbox/conversations?limit=" + limit);
    assertEquals(400, reply.status(), "limit=" + limit);
    JsonNode body = reply.json();
    assertEquals(400, body.get("statusCode").asInt());
    assertEquals("Bad Request", body.get("error").asText());
    assertEquals("limit must be an integer between 1 and 100", body.get("message").asText());
  }

  @Test void limitBoundsAreAccepted() {
    assertEquals(1, http.get("/v1/inbox/conversations?limit=1").json()
        .get("conversations").size());
    assertEquals(100, http.get("/v1/inbox/conversations?limit=100").json()
        .get("conversations").size());
  }

  @Test void defaultLimitIs20() {
    JsonNode page = http.get("/v1/inbox/conversations").json();
    assertEquals(20, page.get("conversations").size());
    assertEquals(20, page.get("pagination").get("limit").asInt());
    assertTrue(page.get("pagination").get("hasMore").asBoolean());
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage!!", "e30=", "eyJjb250aW51YXRpb24iOiJ4In0=",
      "eyJjb250aW51YXRpb24iOiI5OTk5OTk5In0="})
  void invalidTokenIs400(String token) {
    SimHttp.Reply reply = http.get(SimHttp.conversations(null, 10, token));
    assertEquals(400, reply.status(), token);
    assertEquals("Invalid continuation token", reply.json().get("message").asText());
  }

  @Test void tokenIsBase64OfDocumentedJson() {
    String token = SimHttp.token(http.get(SimHttp.conversations(null, 10, null)).json());
    assertEquals("{\"continuation\":\"10\"}",
        new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
  }

  @Test void unknownPathIs404Json() {
    SimHttp.Reply reply = http.get("/v1/inbox/nothing");
    assertEquals(404, reply.status());
    assertEquals("Not Found", reply.json().get("error").asText());
  }

  @Test void timestampsHaveMilliseconds() {
    JsonNode c = http.get(SimHttp.conversations(null, 100, null)).json().get("conversations");
    String pattern = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    for (JsonNode conversation : c) {
      for (String field : new String[] {"lastActivityAt", "createdAt", "updatedAt"}) {
        assertTrue(conversation.get(field).asText().matches(pattern), conversation.toString());
      }
    }
    assertEquals("2026-11-01T12:00:00.000Z".length(),
        c.get(0).get("lastActivityAt").asText().length());
  }
}
