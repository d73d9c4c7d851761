package ai.sendpilot.sql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/** Takes the requests a MockWebServer received and checks each against the contract. */
public final class Requests {
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
      params.add(query);
    }
    return params;
  }

  /** Query parameters as a map, for expected values. */
  public static Map<String, String> params(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
