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
      JsonNode pagination = page.get("pagination");
      token = pagination.path("hasMore").asBoolean() ? pagination.get("continuationToken")
          .asText() : null;
    } while (token != null);
    return count;
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
    Request request = new Request.Builder().url(url.build()).header("X-API-Key", key).build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code() + " for " + url);
      }
      return json.readTree(response.body().byteStream());
    }
  }
}
