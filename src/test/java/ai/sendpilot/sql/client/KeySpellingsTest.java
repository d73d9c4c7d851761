package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An API that echoes the key in another spelling (another case, percent-encoded, escaped,
 * base64) gets it redacted from the SQLException (message, causes, stack), from the WARN line of
 * a retry and from the debug lines: one test per spelling.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeySpellingsTest {
  private static final String KEY = FakeInbox.KEY;
  private static final String ALL = "select id from conversations";

  @StartStop final MockWebServer server = new MockWebServer();

  private static String eachChar(String format) {
    return KEY.chars().mapToObj(c -> String.format(Locale.ROOT, format, c))
        .collect(Collectors.joining());
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** Spellings of the key, each named. */
  static Stream<List<String>> spellings() {
    return Stream.of(
        List.of("as is", KEY),
        List.of("upper case", KEY.toUpperCase(Locale.ROOT)),
        List.of("mixed case", "TeSt-KeY-0000"),
        List.of("percent-encoded, lower-case hex", eachChar("%%%02x")),
        List.of("percent-encoded, upper-case hex", eachChar("%%%02X")),
        List.of("partly percent-encoded", KEY.replace("-", "%2D")),
        List.of("JSON-escaped, lower-case hex", eachChar("\\u%04x")),
        List.of("Java-escaped, upper-case hex", eachChar("\\u%04X")),
        List.of("base64", base64(KEY)),
        List.of("base64 without padding", base64(KEY).replace("=", "")),
        List.of("URL-safe base64 of the key after a prefix", base64("me:" + KEY)
            .replace('+', '-').replace('/', '_')),
        List.of("base64 inside Basic credentials, offset by one", base64("x:" + KEY)),
        List.of("base64 inside Basic credentials, offset by two", base64("xy:" + KEY)));
  }

  private static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private void answer(int status, String contentType, String body) {
    server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", contentType)
        .body(body).build());
  }

  /** The whole text of the failure of a scan. */
  private String failure(String... settings) throws SQLException {
    try (Connection c = Jdbc.connect(server, settings)) {
      return everything(assertThrows(SQLException.class, () -> Jdbc.rows(c, ALL)));
    }
  }

  private static void assertHidden(String spelling, String text) {
    assertFalse(text.contains(spelling), () -> "«" + spelling + "» in: " + text);
    assertFalse(text.toLowerCase(Locale.ROOT).contains(KEY), () -> "the key in: " + text);
    assertTrue(text.contains("[redacted]"), text);
  }

  /** JSON string text for {@code s}: backslashes doubled, so an escape reaches the message. */
  private static String jsonString(String s) {
    return s.replace("\\", "\\\\");
  }

  @ParameterizedTest(name = "{0}") @MethodSource("spellings")
  void anErrorMessageEchoingTheKeyIsRedacted(List<String> spelling) throws Exception {
    String echo = spelling.get(1);
    answer(400, "application/json", "{\"statusCode\":400,\"message\":\"bad key "
        + jsonString(echo) + "\",\"error\":\"Bad Request\"}");
    String text = failure();
    assertHidden(echo, text);
    assertTrue(text.contains("failed with HTTP 400: bad key "), text);
  }

  @ParameterizedTest(name = "{0}") @MethodSource("spellings")
  void aPlainTextBodyEchoingTheKeyIsRedacted(List<String> spelling) throws Exception {
    String echo = spelling.get(1);
    answer(401, "text/plain", "Unauthorized: " + echo);
    String text = failure();
    assertHidden(echo, text);
    assertTrue(text.contains("(HTTP 401 on GET /v1/inbox/conversations?limit=100: Unauthorized: "),
        text);
  }

  @ParameterizedTest(name = "{0}") @MethodSource("spellings")
  void theRetryLogLineOfAnEchoIsRedacted(List<String> spelling) throws Exception {
    String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
    assertNotNull(logFile, "run through Maven: pom.xml's surefire sets the log file");
    Path log = Path.of(logFile);
    long before = Files.size(log);
    String echo = spelling.get(1);
    answer(503, "application/json", "{\"statusCode\":503,\"message\":\"busy, key "
        + jsonString(echo) + "\"}");
    answer(200, "application/json", "{\"conversations\":[{\"id\":\"c1\",\"accountId\":\"a\"}],"
        + "\"pagination\":{\"hasMore\":false}}");
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(List.of("c1"), Jdbc.rows(c, ALL));
    }
    String written = since(log, before);
    assertTrue(written.contains("WARN") && written.contains("busy, key "), written);
    assertTrue(written.contains("[redacted]"), written);
    assertFalse(written.contains(echo), written);
    assertFalse(written.toLowerCase(Locale.ROOT).contains(KEY), written);
  }

  @Test void aTransportFailureNamingTheKeyIsRedacted() {
    // An account id that spells the key: the request named in the message is redacted too.
    answer(400, "application/json", "{\"message\":\"no such account\"}");
    String text = assertThrows(SQLException.class, () -> {
      try (Connection c = Jdbc.connect(server)) {
        Jdbc.rows(c, "select id from conversations where account_id = '"
            + KEY.toUpperCase(Locale.ROOT) + "'");
      }
    }).getMessage();
    assertTrue(text.contains("accountId=[redacted]&limit=100 failed with HTTP 400: no such"
        + " account"), text);
  }

  @Test void redactionLeavesOtherTextAlone() {
    ApiKey key = ApiKey.of(KEY);
    String text = "GET /v1/inbox/conversations?accountId=test-kez-0000&limit=100 %74 \\u0074"
        + " " + base64("other-key-0000") + " TEST-KEY-000";
    assertEquals(text, key.redact(text));
  }

  private static String since(Path file, long offset) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      channel.position(offset);
      return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
