package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client logs each request and each retry to the SLF4J log file, and never the key. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientLoggingTest {
  private static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";
  private static final String ACCOUNT = "acct-logging-test";
  private static final String FIRST = "/v1/inbox/conversations?accountId=" + ACCOUNT
      + "&limit=2";
  private static final String SECOND = FIRST + "&continuationToken=t1";
  private static final String LINE_START = "^\\[[^\\]]+\\] ";
  private static final String CLIENT = " ai\\.sendpilot\\.sql\\.client\\.SendPilotClient - ";

  @StartStop final MockWebServer server = new MockWebServer();

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
        .body(body.replace('\'', '"')).build();
  }

  private List<String> scan() {
    SendPilotClient client = new SendPilotClient(ClientConfig.builder()
        .baseUrl(Jdbc.baseUrl(server)).apiKey(ApiKey.of(FakeInbox.KEY)).pageSize(2)
        .maxAttempts(3).maxRetryWait(Duration.ofSeconds(30)).build());
    List<String> ids = new ArrayList<>();
    try (ConversationStream stream = new ConversationStream(client, ACCOUNT,
        FetchBudget.UNLIMITED, c -> 1, false, CallControl.NONE)) {
      while (stream.hasNext()) {
        ids.add(stream.next().id());
      }
    }
    return ids;
  }

  /** The text {@code file} has past its first {@code offset} bytes. */
  private static String logSince(Path file, long offset) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      channel.position(offset);
      return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Index of the only line of {@code lines} that matches {@code regex} entirely. */
  private static int onlyLine(List<String> lines, String regex) {
    Pattern p = Pattern.compile(regex);
    int found = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (p.matcher(lines.get(i)).matches()) {
        assertEquals(-1, found, "two lines match " + regex + ":\n" + String.join("\n", lines));
        found = i;
      }
    }
    assertTrue(found >= 0, "no line matches " + regex + " in:\n" + String.join("\n", lines));
    return found;
  }

  @Test void requestsAndTheRetryAreLoggedWithoutTheKey() throws Exception {
    Path logFile = Path.of(System.getProperty(LOG_FILE));
    long logged = Files.exists(logFile) ? Files.size(logFile) : 0;
    server.enqueue(json(503, "{'statusCode':503,'message':'Service Unavailable'}"));
    server.enqueue(json(200, "{'conversations':[{'id':'c1','accountId':'" + ACCOUNT + "'},"
        + "{'id':'c2','accountId':'" + ACCOUNT + "'}],"
        + "'pagination':{'continuationToken':'t1','hasMore':true}}"));
    server.enqueue(json(200, "{'conversations':[{'id':'c3','accountId':'" + ACCOUNT + "'}],"
        + "'pagination':{'hasMore':false}}"));

    assertEquals(List.of("c1", "c2", "c3"), scan());

    for (String target : List.of(FIRST, FIRST, SECOND)) {
      RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
      assertNotNull(r);
      assertEquals(target, r.getTarget());
      assertEquals(FakeInbox.KEY, r.getHeaders().get("X-API-Key"));
    }
    // Only what this scan logged: other tests' lines are in the same file.
    String log = logSince(logFile, logged);
    List<String> lines = log.lines().toList();
    int failed = onlyLine(lines, LINE_START + "DEBUG" + CLIENT + "GET " + Pattern.quote(FIRST)
        + " attempt 1 -> HTTP 503 in \\d+ ms");
    int retry = onlyLine(lines, LINE_START + "WARN" + CLIENT + "Retrying GET "
        + Pattern.quote(FIRST) + " in \\d+ ms \\(attempt 2 of 3\\) after: "
        + Pattern.quote("SendPilot API request GET " + FIRST
            + " failed with HTTP 503: Service Unavailable"));
    int retried = onlyLine(lines, LINE_START + "DEBUG" + CLIENT + "GET " + Pattern.quote(FIRST)
        + " attempt 2 -> HTTP 200 in \\d+ ms");
    int next = onlyLine(lines, LINE_START + "DEBUG" + CLIENT + "GET " + Pattern.quote(SECOND)
        + " attempt 1 -> HTTP 200 in \\d+ ms");
    assertTrue(failed < retry && retry < retried && retried < next,
        "lines out of order: " + failed + ", " + retry + ", " + retried + ", " + next);
    assertFalse(log.contains(FakeInbox.KEY), "the API key is in " + logFile);
  }
}
