package ai.sendpilot.sql.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A minimal JDK HttpClient wrapper for talking to a running simulator in tests. */
final class SimHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final InboxSimulator simulator;

  SimHttp(InboxSimulator simulator) {
    this.simulator = simulator;
  }

  /** One HTTP response. */
  record Reply(int status, HttpResponse<String> raw) {
    String body() {
      return raw.body();
    }

    JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  Reply get(String pathAndQuery) {
    return get(pathAndQuery, simulator.apiKey());
  }

  /** GET with the given key (null: no key header). */
  Reply get(String pathAndQuery, String key) {
    HttpRequest.Builder request = HttpRequest
        .newBuilder(URI.create(simulator.baseUrl() + pathAndQuery))
        .timeout(Duration.ofSeconds(20)).GET();
    if (key != null) {
      request.header("X-API-Key", key);
    }
    try {
      HttpResponse<String> response = CLIENT.send(request.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Path and query of a conversations page. */
  static String conversations(String accountId, int limit, String token) {
    StringBuilder url = new StringBuilder("/v1/inbox/conversations?limit=").append(limit);
    if (accountId != null) {
      url.append("&accountId=").append(encode(accountId));
    }
    if (token != null) {
      url.append("&continuationToken=").append(encode(token));
    }
    return url.toString();
  }

  /** Path and query of a messages page. */
  static String messages(String conversationId, String accountId, int limit, String token) {
    StringBuilder url = new StringBuilder("/v1/inbox/conversations/")
        .append(encode(conversationId)).append("/messages?limit=").append(limit);
    if (accountId != null) {
      url.append("&accountId=").append(encode(accountId));
    }
    if (token != null) {
      url.append("&continuationToken=").append(encode(token));
    }
    return url.toString();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The continuation token of a page, or null when the JSON field is null. */
  static String token(JsonNode page) {
    JsonNode token = page.get("pagination").get("continuationToken");
    return token.isNull() ? null : token.asText();
  }
}
