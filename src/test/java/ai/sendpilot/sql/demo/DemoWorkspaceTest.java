package ai.sendpilot.sql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Shares of the embedded demo inbox: one inbox for all, each share given back once. */
class DemoWorkspaceTest {
  @Test void sharesSeeOneInboxAndClosingTwiceGivesBackOneShare() throws Exception {
    try (DemoWorkspace first = DemoWorkspace.acquire();
         DemoWorkspace second = DemoWorkspace.acquire()) {
      assertEquals(first.baseUrl(), second.baseUrl());
      assertTrue(first.schemas().containsKey(DemoCrmSchema.NAME));
      first.close();
      first.close();
      assertEquals(200, status(second));
    }
  }

  private static int status(DemoWorkspace demo) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create(demo.baseUrl() + "/v1/inbox/conversations?limit=1"))
        .header("X-API-Key", demo.apiKey())
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
