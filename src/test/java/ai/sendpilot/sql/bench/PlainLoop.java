package ai.sendpilot.sql.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The baseline: a plain OkHttp + Jackson loop fetching the same pages one after another, as a
 * hand-written script would, without SQL.
 */
final class PlainLoop {
  private final OkHttpClient http = new OkHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String baseUrl;
  private final String key;

  PlainLoop(String baseUrl, String key) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  /** Reads every conversation of {@code accountId} (null: all); returns how many. */
  long scan(String accountId, int pageSize) throws IOException {
    long count = 0;
    String token = null;
    do {
      JsonNode page = get(accountId, pageSize, token);
      for (JsonNode conversation : page.get("conversations")) {
        count += conversation.get("id").asText().isEmpty() ? 0 : 1;
      }
      token = nextToken(page);
    } while (token != null);
    return count;
  }

  /**
   * Reads the conversations of {@code accountId} with unread messages, then each one's messages
   * one page after another, as a script would; returns how many messages.
   */
  long unreadThreadMessages(String accountId) throws IOException {
    long count = 0;
    String token = null;
    do {
      JsonNode page = get(accountId, 100, token);
      for (JsonNode conversation : page.get("conversations")) {
        if (conversation.path("unreadCount").asInt() > 0) {
          count += messages(accountId, conversation.get("id").asText());
        }
      }
      token = nextToken(page);
    } while (token != null);
    return count;
  }

  private long messages(String accountId, String conversationId) throws IOException {
    long count = 0;
    String token = null;
    do {
      HttpUrl.Builder url = HttpUrl.get(baseUrl).newBuilder()
          .addPathSegments("v1/inbox/conversations").addPathSegment(conversationId)
          .addPathSegment("messages").addQueryParameter("accountId", accountId)
          .addQueryParameter("limit", "100");
      if (token != null) {
        url.addQueryParameter("continuationToken", token);
      }
      JsonNode page = fetch(url.build());
      count += page.get("messages").size();
      token = nextToken(page);
    } while (token != null);
    return count;
  }

  private static String nextToken(JsonNode page) {
    JsonNode pagination = page.get("pagination");
    return pagination.path("hasMore").asBoolean() ? pagination.get("continuationToken").asText()
        : null;
  }

  JsonNode get(String accountId, int limit, String token) throws IOException {
    HttpUrl.Builder url = HttpUrl.get(baseUrl).newBuilder()
        .addPathSegments("v1/inbox/conversations");
    if (accountId != null) {
      url.addQueryParameter("accountId", accountId);
    }
    url.addQueryParameter("limit", Integer.toString(limit));
    if (token != null) {
      url.addQueryParameter("continuationToken", token);
    }
    return fetch(url.build());
  }

  private JsonNode fetch(HttpUrl url) throws IOException {
    Request request = new Request.Builder().url(url).header("X-API-Key", key).build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code() + " for " + url);
      }
      return json.readTree(response.body().byteStream());
    }
  }
}
