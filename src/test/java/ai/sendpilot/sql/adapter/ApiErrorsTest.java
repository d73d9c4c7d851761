package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** API failures become SQLExceptions that say what failed and what to do, never the key. */
class ApiErrorsTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private SQLException failure(String sql) throws SQLException {
    try (Connection c = Jdbc.connect(server)) {
      return assertThrows(SQLException.class, () -> Jdbc.rows(c, sql));
    }
  }

  private static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test void rejectedKeySaysSoAndWhereKeysAreMade() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401)
        .body("{\"statusCode\":401,\"message\":\"Invalid API key\",\"error\":\"Unauthorized\"}")
        .build());
    SQLException e = failure("select * from conversations limit 5");
    String text = everything(e);
    assertTrue(text.contains("SendPilot rejected the API key (HTTP 401 on"
        + " GET /v1/inbox/conversations?limit=5: Invalid API key)"), text);
    assertTrue(text.contains("Integrations > API Keys"), text);
    assertFalse(text.contains(FakeInbox.KEY), text);
  }

  @Test void forbiddenIsAlsoAKeyProblem() throws Exception {
    server.enqueue(new MockResponse.Builder().code(403)
        .body("{\"statusCode\":403,\"message\":\"Forbidden resource\",\"error\":\"Forbidden\"}")
        .build());
    String text = everything(failure("select * from conversations where account_id = 'x'"));
    assertTrue(text.contains("SendPilot rejected the API key (HTTP 403 on"
        + " GET /v1/inbox/conversations?accountId=x&limit=100: Forbidden resource)"), text);
  }

  @Test void badRequestCarriesTheApiMessageStatusAndPath() throws Exception {
    server.enqueue(new MockResponse.Builder().code(400)
        .body("{\"statusCode\":400,\"message\":[\"accountId must be a string\","
            + "\"limit must not be greater than 100\"],\"error\":\"Bad Request\"}")
        .build());
    String text = everything(failure("select * from conversations limit 3"));
    assertTrue(text.contains("SendPilot API request GET /v1/inbox/conversations?limit=3"
        + " failed with HTTP 400: accountId must be a string; limit must not be greater than"
        + " 100"), text);
  }

  @Test void nonJsonErrorBodyIsQuotedShortlyAfterTheRetriesRunOut() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(502)
            .body("<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>").build();
      }
    });
    String text;
    try (Connection c = Jdbc.connect(server, "maxAttempts=2")) {
      text = everything(assertThrows(SQLException.class,
          () -> Jdbc.rows(c, "select * from conversations limit 2")));
    }
    assertTrue(text.contains("failed with HTTP 502: <html><body><h1>502 Bad Gateway</h1>"
        + " <p>nginx</p></body></html> (gave up after 2 attempts)"), text);
    assertEquals(2, server.getRequestCount());
  }

  @Test void htmlWithStatus200IsNotMistakenForAnEmptyInbox() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200)
        .body("<!doctype html><title>Login</title>").build());
    String text = everything(failure("select * from conversations"));
    assertTrue(text.contains("GET /v1/inbox/conversations?limit=100 answered HTTP 200 with a"
        + " body the driver cannot read"), text);
    assertTrue(text.contains("body: <!doctype html><title>Login</title>"), text);
  }

  @Test void errorOnALaterPageFailsTheQueryInsteadOfTruncating() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"conversations\":["
        + "{\"id\":\"c1\",\"accountId\":\"a\"}],\"pagination\":{\"continuationToken\":\"t1\","
        + "\"hasMore\":true}}").build());
    server.enqueue(new MockResponse.Builder().code(500)
        .body("{\"statusCode\":500,\"message\":\"Internal server error\"}").build());
    SQLException e = failure("select * from conversations");
    assertEquals("Error while reading rows: While reading sendpilot.conversations: SendPilot API"
        + " request GET /v1/inbox/conversations?limit=100&continuationToken=t1 failed with HTTP"
        + " 500: Internal server error", e.getMessage());
  }

  @Test void missingKeyIsExplainedAtConnect() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:sendpilot:apiKeyEnv=SENDPILOT_TEST_UNSET_VARIABLE;baseUrl="
            + Jdbc.baseUrl(server)));
    assertEquals("Cannot connect to SendPilot: No SendPilot API key: set the environment"
        + " variable SENDPILOT_TEST_UNSET_VARIABLE, or the apiKey or apiKeyFile property. Keys"
        + " are made in the SendPilot dashboard under Integrations > API Keys. To try the"
        + " driver without a key, use demo=true.", e.getMessage());
  }

  @Test void plainHttpToARemoteHostIsRefusedBeforeSending() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:sendpilot:apiKey=" + FakeInbox.KEY + ";baseUrl=http://api.example.com"));
    assertTrue(e.getMessage().contains("plain HTTP"), e.getMessage());
    assertFalse(e.getMessage().contains(FakeInbox.KEY));
  }
}
