package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key never shows: a key with a stray character is refused when it is read, without quoting
 * it, and an API that echoes the key has it redacted from every message and log line.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeyHygieneTest {
  /** The operator's switches that let a connect string name a key file for a test server. */
  private static final String ALLOW_FILES_UNDER = "sendpilot.allowFilesUnder";
  private static final String ALLOW_KEY_ANYWHERE = "sendpilot.allowOperatorKeyAnywhere";

  /** Two halves of a made-up key, joined by a stray character in the tests. */
  private static final String HEAD = "sk9f3KqZ81xWb7";
  private static final String TAIL = "Lm2PqR4tVy";
  private static final String ALL = "select id from conversations";

  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path dir;

  /** Fails if {@code text} holds any four characters in a row of the made-up key. */
  private static void assertNoPartOfTheKey(String text) {
    for (String half : List.of(HEAD, TAIL)) {
      for (int i = 0; i + 4 <= half.length(); i++) {
        String part = half.substring(i, i + 4);
        assertFalse(text.contains(part), () -> "«" + part + "» of the key in: " + text);
      }
    }
  }

  private static String refusal(String key) {
    return assertThrows(IllegalArgumentException.class, () -> ApiKey.of(key)).getMessage();
  }

  private static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  // ---- a key with a stray character

  @Test void strayCharactersInsideTheKeyAreRefusedWithoutQuotingIt() {
    String nbsp = refusal(HEAD + "\u00A0" + TAIL);
    assertEquals("The SendPilot API key cannot be used: character 15 is U+00A0 (no-break space);"
        + " a key holds printable ASCII characters only. Copy it again from the SendPilot"
        + " dashboard (Integrations > API Keys).", nbsp);
    assertTrue(refusal(HEAD + "\t" + TAIL).contains("character 15 is U+0009 (character"
        + " tabulation)"));
    assertTrue(refusal(HEAD + "\u200B" + TAIL).contains("character 15 is U+200B (zero width"
        + " space)"));
    assertTrue(refusal(HEAD + "\n" + TAIL).contains("character 15 is U+000A (line feed (lf))"));
    assertTrue(refusal(HEAD + "é" + TAIL).contains("character 15 is U+00E9"));
    assertTrue(refusal(HEAD + " " + TAIL).contains("character 15 is U+0020 (space)"));
    for (String key : List.of(HEAD + "\u00A0" + TAIL, HEAD + "\t" + TAIL, HEAD + "\n" + TAIL,
        HEAD + "\u200B" + TAIL, HEAD + "\u0000" + TAIL)) {
      assertNoPartOfTheKey(refusal(key));
    }
  }

  @Test void whitespaceAroundTheKeyIsTrimmedUnicodeSpacesIncluded() {
    ApiKey key = ApiKey.of(HEAD + TAIL);
    assertEquals(key, ApiKey.of(" \t" + HEAD + TAIL + "\r\n"));
    assertEquals(key, ApiKey.of("\u00A0\u200B\uFEFF" + HEAD + TAIL + "\u2060\u3000\u00A0"));
    assertEquals(key, ApiKey.fromFile("\uFEFF" + HEAD + TAIL + "\n\n"));
    assertEquals("The SendPilot API key is empty", refusal("\u00A0\u200B \n"));
  }

  @Test void aKeyFileOfTwoLinesIsRefusedWithoutQuotingIt() {
    String message = assertThrows(IllegalArgumentException.class,
        () -> ApiKey.fromFile(HEAD + TAIL + "\n" + TAIL + HEAD + "\n")).getMessage();
    assertEquals("The key file has more than one line; it must hold the SendPilot API key"
        + " alone, on one line.", message);
    assertNoPartOfTheKey(message);
  }

  @Test void theConnectionFailsClearlyOnAStrayCharacterInTheKey() throws Exception {
    Properties info = new Properties();
    info.setProperty("baseUrl", Jdbc.baseUrl(server));
    info.setProperty("apiKey", HEAD + "\u00A0" + TAIL);
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:sendpilot:", info));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("character 15 is U+00A0 (no-break space)"),
        e.getMessage());
    assertNoPartOfTheKey(everything(e));
    assertEquals(0, server.getRequestCount());
  }

  @Test void theConnectionFailsClearlyOnAKeyFileOfTwoLines() throws Exception {
    Path file = dir.resolve("key.txt");
    Files.writeString(file, HEAD + TAIL + "\nsecond line " + TAIL + "\n");
    Properties info = new Properties();
    info.setProperty("baseUrl", Jdbc.baseUrl(server));
    info.setProperty("apiKeyFile", file.toString());
    System.setProperty(ALLOW_FILES_UNDER, dir.toString());
    System.setProperty(ALLOW_KEY_ANYWHERE, "true");
    SQLException e;
    try {
      e = assertThrows(SQLException.class,
          () -> DriverManager.getConnection("jdbc:sendpilot:", info));
    } finally {
      System.clearProperty(ALLOW_FILES_UNDER);
      System.clearProperty(ALLOW_KEY_ANYWHERE);
    }
    assertEquals("Cannot connect to SendPilot: The file apiKeyFile '" + file + "' does not hold"
        + " a usable SendPilot API key. The key file has more than one line; it must hold the"
        + " SendPilot API key alone, on one line.", e.getMessage());
    assertNoPartOfTheKey(everything(e));
  }

  // ---- an API that echoes the key

  private void answer(int status, String contentType, String body) {
    server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", contentType)
        .body(body).build());
  }

  /** The whole text (stack trace, causes included) of the failure of a scan. */
  private String failure(String... settings) throws SQLException {
    try (Connection c = Jdbc.connect(server, settings)) {
      String text = everything(assertThrows(SQLException.class, () -> Jdbc.rows(c, ALL)));
      assertFalse(text.contains(FakeInbox.KEY), text);
      return text;
    }
  }

  @Test void aRejectionEchoingTheKeyIsRedacted() throws Exception {
    answer(401, "application/json", "{\"statusCode\":401,\"message\":\"API key '" + FakeInbox.KEY
        + "' is not valid\",\"error\":\"Unauthorized\"}");
    assertTrue(failure().contains("(HTTP 401 on GET /v1/inbox/conversations?limit=100: API key"
        + " '[redacted]' is not valid)"));
  }

  @Test void errorBodiesEchoingTheKeyAreRedacted() throws Exception {
    answer(500, "application/json", "{\"statusCode\":500,\"message\":[\"no workspace for "
        + FakeInbox.KEY + "\",\"x-api-key=" + FakeInbox.KEY + "\"]}");
    // A 500 is retried: one attempt, so that the next answer is the next case's.
    assertTrue(failure("maxAttempts=1").contains("failed with HTTP 500: no workspace for"
        + " [redacted]; x-api-key=[redacted]"));
    answer(400, "application/json", "{\"statusCode\":400,\"message\":\"bad key "
        + FakeInbox.KEY + "\"}");
    assertTrue(failure().contains("failed with HTTP 400: bad key [redacted]"));
    answer(400, "text/plain", "Bad request.\nYour key: " + FakeInbox.KEY + "\n");
    assertTrue(failure().contains("failed with HTTP 400: Bad request. Your key: [redacted]"));
  }

  @Test void unreadableBodiesEchoingTheKeyAreRedacted() throws Exception {
    answer(200, "application/json", "{\"conversations\":\"" + FakeInbox.KEY + "\"}");
    assertTrue(failure().contains("body: {\"conversations\":\"[redacted]\"}"));
    answer(200, "text/html", "<html>" + FakeInbox.KEY + "</html>");
    assertTrue(failure().contains("body: <html>[redacted]</html>"));
    answer(200, "application/json", "{\"conversations\":[{\"id\":\"c1\",\"unreadCount\":\""
        + FakeInbox.KEY + "\"}]}");
    failure();
  }

  @Test void retriesOfAnEchoLogNoKey() throws Exception {
    String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
    assertNotNull(logFile, "run through Maven: pom.xml's surefire sets the log file");
    answer(503, "application/json", "{\"statusCode\":503,\"message\":\"busy, key "
        + FakeInbox.KEY + "\"}");
    answer(200, "application/json", "{\"conversations\":[{\"id\":\"c1\",\"accountId\":\"a\"}],"
        + "\"pagination\":{\"hasMore\":false}}");
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(List.of("c1"), Jdbc.rows(c, ALL));
    }
    String log = Files.readString(Path.of(logFile), StandardCharsets.UTF_8);
    assertTrue(log.contains("failed with HTTP 503: busy, key [redacted]"), "no retry line");
    assertFalse(log.contains(FakeInbox.KEY), "the API key is in " + logFile);
  }
}
