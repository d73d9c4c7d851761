package ai.sendpilot.sql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import ai.sendpilot.sql.client.SendPilotClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * Takes the requests a MockWebServer received and checks each against the contract: GET, the
 * conversations path, the key header, every query parameter once and with a value.
 *
 * <p>To prove that no further request comes, {@link #take} waits for an event instead of a
 * while: until the driver has no request in flight ({@link SendPilotClient#requestsInFlight},
 * JVM-wide; tests run one at a time). A request the driver decides to send is handed to its
 * HTTP client in the thread that decides it when the rate limit does not hold it back (connect
 * with a high {@code requestsPerSecond}, as {@link QueryAssert} does; the first connection to an
 * API origin with a key sets the limits), so once nothing is in flight every request sent so
 * far has been answered, hence recorded. Expected requests are awaited one by one, whatever the
 * rate.
 */
public final class Requests {
  /** How long an expected event may take before the test fails. */
  public static final Duration DEADLINE = Duration.ofSeconds(10);

  private Requests() {
  }

  /**
   * Every request the server received so far, each checked for method, path and key; returns
   * their query parameters in order.
   */
  public static List<Map<String, String>> drain(MockWebServer server) throws InterruptedException {
    List<Map<String, String>> params = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
      params.add(checked(r));
    }
    return params;
  }

  /**
   * The next {@code count} requests, each awaited up to the {@link #DEADLINE}; then waits until
   * the driver has no request in flight and fails if any other request arrived meanwhile.
   */
  public static List<Map<String, String>> take(MockWebServer server, int count)
      throws InterruptedException {
    List<Map<String, String>> params = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RecordedRequest r = server.takeRequest(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      if (r == null) {
        fail("expected " + count + " requests, got " + params.size() + ": " + params);
      }
      params.add(checked(r));
    }
    awaitDriverIdle();
    List<Map<String, String>> more = drain(server);
    if (!more.isEmpty()) {
      params.addAll(more);
      fail("expected " + count + " requests, got " + params.size() + ": " + params);
    }
    return params;
  }

  /**
   * Waits until no request of the driver is in flight, failing after the {@link #DEADLINE}:
   * every request sent before the call has then been answered or abandoned.
   */
  public static void awaitDriverIdle() throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (SendPilotClient.requestsInFlight() > 0) {
      if (System.nanoTime() - deadline > 0) {
        fail(SendPilotClient.requestsInFlight() + " requests still in flight after " + DEADLINE);
      }
      Thread.sleep(2);
    }
  }

  /** Query parameters as a map, for expected values. */
  public static Map<String, String> params(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  /** The query parameters of {@code r}, after checking its method, path and key. */
  private static Map<String, String> checked(RecordedRequest r) {
    assertEquals("GET", r.getMethod());
    HttpUrl url = r.getUrl();
    assertEquals("/v1/inbox/conversations", url.encodedPath());
    assertEquals(FakeInbox.KEY, r.getHeaders().get("X-API-Key"));
    Map<String, String> query = new LinkedHashMap<>();
    for (String name : url.queryParameterNames()) {
      List<String> values = url.queryParameterValues(name);
      assertEquals(1, values.size(), "parameter " + name + " repeated in " + url);
      assertNotNull(values.get(0), "parameter " + name + " without value");
      query.put(name, values.get(0));
    }
    return query;
  }
}
