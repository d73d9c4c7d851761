package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.client.HttpTransport.InFlightCall;
import ai.sendpilot.sql.testing.FakeInbox;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An API, or a proxy in between, that answers anything, of any size, forever: every query ends
 * with a clear error, in bounded time and memory.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileServerTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String FIRST_PAGE = "GET /v1/inbox/conversations?limit=100";
  private static final byte[] SPACES = new byte[64 * 1024];

  static {
    Arrays.fill(SPACES, (byte) ' ');
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The start of a page, then JSON whitespace until the client hangs up. */
  private static void endlessPage(OutputStream out) throws IOException {
    write(out, "{\"conversations\":[");
    while (true) {
      out.write(SPACES);
    }
  }

  /** The SQLException of {@code sql} on a connection to {@code server}. */
  private static SQLException failure(RawHttpServer server, String sql, String... settings) {
    return assertTimeoutPreemptively(BOUND, () -> {
      StringBuilder url = new StringBuilder("jdbc:sendpilot:baseUrl=" + server.baseUrl()
          + ";apiKey=" + FakeInbox.KEY + ";validateOnConnect=false");
      for (String setting : settings) {
        url.append(';').append(setting);
      }
      try (Connection c = DriverManager.getConnection(url.toString())) {
        return assertThrows(SQLException.class,
            () -> c.createStatement().executeQuery(sql).next());
      }
    });
  }

  private static void assertContains(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), () -> "expected «" + part + "» in: " + text);
    }
  }

  // ---- bodies of any size

  @Test void hugeContentLengthIsRefusedBeforeReadingTheBody() throws Exception {
    try (RawHttpServer server = new RawHttpServer((request, out) -> {
      write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
          + "Content-Length: 2147483648\r\n\r\n");
      endlessPage(out);
    })) {
      SQLException e = failure(server, "select count(*) from conversations");
      assertEquals("HY000", e.getSQLState());
      assertContains(e.getMessage(), "SendPilot API request " + FIRST_PAGE + " answered HTTP"
          + " 200 with a body of 2147483648 bytes (Content-Length), more than"
          + " maxResponseBytes=16777216 allows; refusing to read it.");
      assertEquals(1, server.requestLines().size());
    }
  }

  @Test void endlessChunkedBodyIsCutAtMaxResponseBytes() throws Exception {
    try (RawHttpServer server = new RawHttpServer((request, out) -> {
      write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n");
      write(out, "12\r\n{\"conversations\":[\r\n");
      while (true) {
        write(out, Integer.toHexString(SPACES.length) + "\r\n");
        out.write(SPACES);
        write(out, "\r\n");
      }
    })) {
      SQLException e = failure(server, "select count(*) from conversations");
      assertEquals("HY000", e.getSQLState());
      assertContains(e.getMessage(), "SendPilot API request " + FIRST_PAGE + " answered HTTP"
          + " 200 with a body larger than maxResponseBytes=16777216 allows; refusing to read"
          + " it.");
    }
  }

  @Test void endlessBodyUntilCloseIsCutAtASmallerMaxResponseBytes() throws Exception {
    try (RawHttpServer server = new RawHttpServer((request, out) -> {
      write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n");
      endlessPage(out);
    })) {
      SQLException e = failure(server, "select count(*) from conversations",
          "maxResponseBytes=1048576");
      assertContains(e.getMessage(), "with a body larger than maxResponseBytes=1048576 allows");
    }
  }

  @Test void hugeErrorBodyStillReportsTheStatus() throws Exception {
    try (RawHttpServer server = new RawHttpServer((request, out) -> {
      write(out, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\n"
          + "Connection: close\r\n\r\n<html>oops");
      while (true) {
        out.write(SPACES);
      }
    })) {
      SQLException e = failure(server, "select count(*) from conversations",
          "maxResponseBytes=1048576");
      assertContains(e.getMessage(), "SendPilot API request " + FIRST_PAGE
          + " failed with HTTP 500: <html>oops");
    }
  }

  // ---- slow answers

  @Test void slowDripEndsAtTheCallTimeoutAsATimeoutAndIsRetried() throws Exception {
    try (RawHttpServer server = new RawHttpServer((request, out) -> {
      write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000000\r\n\r\n");
      while (true) {
        out.write(' ');
        out.flush();
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    })) {
      SQLException e = failure(server, "select count(*) from conversations",
          "callTimeoutMs=700", "readTimeoutMs=30000", "maxAttempts=2");
      assertEquals("08006", e.getSQLState(), e.getMessage());
      assertContains(e.getMessage(), "SendPilot API request " + FIRST_PAGE + " timed out after"
          + " callTimeoutMs=700 without a complete response", "(gave up after 2 attempts)");
      assertFalse(e.getMessage().contains("cancel"), e.getMessage());
      assertEquals(2, server.requestLines().size());
    }
  }

  // ---- paging forever

  /** Pages that each name a new next page; {@code rows} makes the conversations of page n. */
  private static RawHttpServer endlessPages(IntFunction<String> rows)
      throws IOException {
    int[] count = {0};
    return new RawHttpServer((request, out) -> {
      int n;
      synchronized (count) {
        n = ++count[0];
      }
      String body = "{\"conversations\":[" + rows.apply(n) + "],\"pagination\":"
          + "{\"continuationToken\":\"t" + n + "\",\"hasMore\":true}}";
      write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    });
  }

  @Test void endlessEmptyPagesEndAtMaxEmptyPages() throws Exception {
    try (RawHttpServer server = endlessPages(n -> "")) {
      SQLException e = failure(server, "select count(*) from conversations");
      assertEquals("HY000", e.getSQLState());
      assertContains(e.getMessage(), "SendPilot API request " + FIRST_PAGE
          + "&continuationToken=t9 answered HTTP 200 with no new conversation and hasMore=true,"
          + " 10 pages in a row; stopping at maxEmptyPages=10 instead of paging forever.");
      assertTrue(server.requestLines().size() <= 12, server.requestLines().toString());
    }
  }

  @Test void endlessEmptyPagesEndUnderALimitToo() throws Exception {
    try (RawHttpServer server = endlessPages(n -> "")) {
      SQLException e = failure(server, "select id from conversations limit 10",
          "maxEmptyPages=3");
      assertContains(e.getMessage(), "&continuationToken=t2 answered HTTP 200 with no new"
          + " conversation and hasMore=true, 3 pages in a row; stopping at maxEmptyPages=3");
      assertTrue(server.requestLines().size() <= 5, server.requestLines().toString());
    }
  }

  @Test void endlessRepeatsOfTheSameRowsEndAtMaxEmptyPages() throws Exception {
    String rows = "{\"id\":\"c1\",\"accountId\":\"a\"},{\"id\":\"c2\",\"accountId\":\"a\"}";
    try (RawHttpServer server = endlessPages(n -> rows)) {
      SQLException e = failure(server, "select count(*) from conversations",
          "maxEmptyPages=2");
      assertContains(e.getMessage(), "&continuationToken=t2 answered HTTP 200 with no new"
          + " conversation and hasMore=true, 2 pages in a row; stopping at maxEmptyPages=2");
    }
  }

  // ---- failures on the HTTP thread

  private static ClientConfig config(RawHttpServer server) {
    return ClientConfig.builder().baseUrl(server.baseUrl()).apiKey(ApiKey.of(FakeInbox.KEY))
        .maxAttempts(1).build();
  }

  private static RawHttpServer onePage() throws IOException {
    return new RawHttpServer((request, out) -> {
      String body = "{\"conversations\":[],\"pagination\":{\"hasMore\":false}}";
      write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length()
          + "\r\nConnection: close\r\n\r\n" + body);
    });
  }

  /** The failure {@code page} completes with, within the bound. */
  private static Throwable failureOf(CompletableFuture<?> page) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> page.get(BOUND.toSeconds(), TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test void anErrorWhileReadingAReplyFailsTheAttempt() throws Exception {
    try (RawHttpServer server = onePage()) {
      HttpGet get = HttpGet.of(HttpUrl.get(server.baseUrl() + "/v1/inbox/conversations"));
      HttpTransport transport = new HttpTransport(config(server), (sentAt, status, headers) -> {
      });
      CompletableFuture<Object> attempt = transport.send(get, 1, new InFlightCall(),
          (status, body, retryAfter) -> {
            throw new OutOfMemoryError("injected");
          });
      Throwable failure = failureOf(attempt);
      assertInstanceOf(SendPilotApiException.class, failure);
      assertContains(failure.getMessage(), "GET /v1/inbox/conversations",
          "java.lang.OutOfMemoryError: injected");
    }
  }

  @Test void anErrorInTheEarlyListenerFailsThePage() throws Exception {
    try (RawHttpServer server = onePage()) {
      CompletableFuture<ConversationPage> page = new SendPilotClient(config(server))
          .fetch(new PageRequest(null, 10, null), token -> {
            throw new StackOverflowError("injected");
          });
      Throwable failure = failureOf(page);
      assertInstanceOf(SendPilotApiException.class, failure);
      assertContains(failure.getMessage(), "GET /v1/inbox/conversations?limit=10",
          "java.lang.StackOverflowError: injected");
      assertEquals(List.of("GET /v1/inbox/conversations?limit=10 HTTP/1.1"),
          server.requestLines());
    }
  }
}
