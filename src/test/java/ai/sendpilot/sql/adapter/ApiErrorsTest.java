package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.QueryAssert;
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

  private QueryAssert.AssertQuery query(String sql) {
    return QueryAssert.on(server).query(sql);
  }

  private static void assertNoKey(QueryAssert.AssertQuery failed) {
    String text = failed.failureText();
    assertFalse(text.contains(FakeInbox.KEY), text);
  }

  @Test void rejectedKeySaysSoAndWhereKeysAreMade() {
    server.enqueue(new MockResponse.Builder().code(401)
        .body("{\"statusCode\":401,\"message\":\"Invalid API key\",\"error\":\"Unauthorized\"}")
        .build());
    QueryAssert.AssertQuery q = query("select * from conversations limit 5")
        .failsWith("28000", "SendPilot rejected the API key (HTTP 401 on"
            + " GET /v1/inbox/conversations?limit=5: Invalid API key)")
        .failsWith("28000", "Integrations > API Keys")
        .sends(params("limit", "5"));
    assertNoKey(q);
  }

  @Test void forbiddenIsAlsoAKeyProblem() {
    server.enqueue(new MockResponse.Builder().code(403)
        .body("{\"statusCode\":403,\"message\":\"Forbidden resource\",\"error\":\"Forbidden\"}")
        .build());
    assertNoKey(query("select * from conversations where account_id = 'x'")
        .failsWith("28000", "SendPilot rejected the API key (HTTP 403 on"
            + " GET /v1/inbox/conversations?accountId=x&limit=100: Forbidden resource)")
        .sends(params("accountId", "x", "limit", "100")));
  }

  @Test void badRequestCarriesTheApiMessageStatusAndPath() {
    server.enqueue(new MockResponse.Builder().code(400)
        .body("{\"statusCode\":400,\"message\":[\"accountId must be a string\","
            + "\"limit must not be greater than 100\"],\"error\":\"Bad Request\"}")
        .build());
    query("select * from conversations limit 3")
        .failsWith("HY000", "SendPilot API request GET /v1/inbox/conversations?limit=3"
            + " failed with HTTP 400: accountId must be a string; limit must not be greater than"
            + " 100")
        .sends(params("limit", "3"));
  }

  @Test void nonJsonErrorBodyIsQuotedShortlyAfterTheRetriesRunOut() {
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(502)
            .body("<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>").build();
      }
    });
    QueryAssert.on(server).with("maxAttempts=2").query("select * from conversations limit 2")
        .failsWith("HY000", "SendPilot API request GET /v1/inbox/conversations?limit=2"
            + " failed with HTTP 502: <html><body><h1>502 Bad Gateway</h1>"
            + " <p>nginx</p></body></html> (gave up after 2 attempts)")
        .sends(params("limit", "2"), params("limit", "2"));
  }

  @Test void htmlWithStatus200IsNotMistakenForAnEmptyInbox() {
    server.enqueue(new MockResponse.Builder().code(200)
        .body("<!doctype html><title>Login</title>").build());
    query("select * from conversations")
        .failsWith("HY000", "SendPilot API request GET /v1/inbox/conversations?limit=100"
            + " answered HTTP 200 with a body the driver cannot read (")
        .failsWith("HY000", "body: <!doctype html><title>Login</title>")
        .sends(params("limit", "100"));
  }

  @Test void errorOnALaterPageFailsTheQueryInsteadOfTruncating() {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"conversations\":["
        + "{\"id\":\"c1\",\"accountId\":\"a\"}],\"pagination\":{\"continuationToken\":\"t1\","
        + "\"hasMore\":true}}").build());
    server.enqueue(new MockResponse.Builder().code(500)
        .body("{\"statusCode\":500,\"message\":\"Internal server error\"}").build());
    // A 500 is retried: one attempt, so that the failure is the 500's.
    SQLException e = QueryAssert.on(server).with("maxAttempts=1")
        .query("select * from conversations")
        .sends(params("limit", "100"), params("limit", "100", "continuationToken", "t1"))
        .failure();
    assertEquals("HY000", e.getSQLState());
    assertEquals("Error while reading rows: While reading sendpilot.conversations: SendPilot API"
        + " request GET /v1/inbox/conversations?limit=100&continuationToken=t1 failed with HTTP"
        + " 500: Internal server error", e.getMessage());
  }

  @Test void missingKeyIsExplainedAtConnect() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:sendpilot:apiKeyEnv=SENDPILOT_TEST_UNSET_VARIABLE;baseUrl="
            + Jdbc.baseUrl(server)).close());
    assertEquals("Cannot connect to SendPilot: No SendPilot API key: set the environment"
        + " variable SENDPILOT_TEST_UNSET_VARIABLE, or the apiKey or apiKeyFile property. Keys"
        + " are made in the SendPilot dashboard under Integrations > API Keys. To try the"
        + " driver without a key, use demo=true.", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test void plainHttpToARemoteHostIsRefusedBeforeSending() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:sendpilot:apiKey=" + FakeInbox.KEY + ";baseUrl=http://api.example.com").close());
    assertEquals("Cannot connect to SendPilot: baseUrl http://api.example.com is plain HTTP:"
        + " the API key would travel unencrypted. Use https://, or set allowInsecureHttp=true"
        + " if you really mean it.", e.getMessage());
    assertFalse(e.getMessage().contains(FakeInbox.KEY));
  }
}
