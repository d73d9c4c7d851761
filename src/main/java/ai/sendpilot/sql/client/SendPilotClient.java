package ai.sendpilot.sql.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the SendPilot inbox API: one method per endpoint, one HTTP request per call. */
public final class SendPilotClient {
  private static final Logger LOG = LoggerFactory.getLogger(SendPilotClient.class);

  /** One connection pool and dispatcher for every client in the JVM. */
  private static final OkHttpClient SHARED_HTTP = new OkHttpClient.Builder().build();

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  private static final ObjectReader PAGE_READER = MAPPER.readerFor(ConversationsResponse.class);

  private final ClientConfig config;
  private final OkHttpClient http;

  public SendPilotClient(ClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = SHARED_HTTP.newBuilder()
        .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .addNetworkInterceptor(new ApiKeyInterceptor(config.baseUrl(), config.apiKey()))
        .build();
  }

  public ClientConfig config() {
    return config;
  }

  /**
   * Fetches one page of {@code GET /v1/inbox/conversations}.
   *
   * @param accountId one sender account, or null for all accounts of the workspace
   * @param limit page size, 1..100
   * @param continuationToken token of the previous page, or null for the first page
   */
  public ConversationPage conversations(String accountId, int limit, String continuationToken) {
    if (limit < 1 || limit > ClientConfig.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("limit must be within 1.." + ClientConfig.MAX_PAGE_SIZE);
    }
    HttpUrl.Builder url = config.baseUrl().newBuilder()
        .addPathSegments("v1/inbox/conversations");
    if (accountId != null) {
      url.addQueryParameter("accountId", accountId);
    }
    url.addQueryParameter("limit", Integer.toString(limit));
    if (continuationToken != null) {
      url.addQueryParameter("continuationToken", continuationToken);
    }
    ConversationsResponse response = get(url.build(), PAGE_READER);
    return response.toPage(describe(url.build()));
  }

  private <T> T get(HttpUrl url, ObjectReader reader) {
    String request = describe(url);
    Request httpRequest = new Request.Builder().url(url).get()
        .header("Accept", "application/json").build();
    long started = System.nanoTime();
    try (Response response = http.newCall(httpRequest).execute()) {
      byte[] body = readBody(response.body());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      LOG.debug("{} -> HTTP {} in {} ms", request, response.code(), millis);
      if (!response.isSuccessful()) {
        throw ApiErrors.forStatus(response.code(), request, body);
      }
      try {
        return reader.readValue(body);
      } catch (IOException e) {
        throw ApiErrors.malformedBody(request, response.code(), body, e);
      }
    } catch (InterruptedIOException e) {
      throw new SendPilotApiException("SendPilot API request " + request + " timed out or was"
          + " interrupted (" + e.getMessage() + "). Check the network, or raise readTimeout /"
          + " callTimeout.", 0, request, e);
    } catch (IOException e) {
      throw new SendPilotApiException("SendPilot API request " + request + " failed: "
          + e.getMessage() + ". Check the network and baseUrl.", 0, request, e);
    }
  }

  private static byte[] readBody(ResponseBody body) throws IOException {
    return body == null ? new byte[0] : body.bytes();
  }

  /** Method, path and query of a request, never the key (it travels only in a header). */
  static String describe(HttpUrl url) {
    String query = url.encodedQuery();
    return "GET " + url.encodedPath() + (query == null ? "" : "?" + query);
  }

  /** The JSON envelope of the conversations endpoint. */
  record ConversationsResponse(List<Conversation> conversations, Pagination pagination) {
    ConversationPage toPage(String request) {
      if (conversations == null) {
        throw new SendPilotApiException("SendPilot API request " + request
            + " answered HTTP 200 without a 'conversations' array; the driver cannot read"
            + " this response.", 200, request, null);
      }
      if (conversations.contains(null)) {
        throw new SendPilotApiException("SendPilot API request " + request
            + " answered a null conversation entry.", 200, request, null);
      }
      boolean hasMore = pagination != null && Boolean.TRUE.equals(pagination.hasMore());
      String token = pagination == null ? null : pagination.continuationToken();
      if (hasMore && (token == null || token.isEmpty())) {
        throw new SendPilotApiException("SendPilot API request " + request
            + " says hasMore=true but gives no continuationToken, so the rest of the result"
            + " cannot be fetched; refusing to return a truncated result.", 200, request, null);
      }
      return new ConversationPage(conversations, hasMore ? token : null, hasMore);
    }
  }

  /** The {@code pagination} object of a page. */
  record Pagination(String continuationToken, Integer limit, Boolean hasMore) {
  }

  /** Reads the error body the API documents: {@code {statusCode, message, error}}. */
  static final class ApiErrors {
    private static final int SNIPPET = 200;

    private ApiErrors() {
    }

    static SendPilotApiException forStatus(int status, String request, byte[] body) {
      String detail = apiMessage(body);
      if (status == 401 || status == 403) {
        return new SendPilotApiException("SendPilot rejected the API key (HTTP " + status
            + " on " + request + ": " + detail + "). Create or copy a key in the SendPilot"
            + " dashboard under Integrations > API Keys, and set SENDPILOT_API_KEY or the apiKey"
            + " property.", status, request, null);
      }
      return new SendPilotApiException("SendPilot API request " + request + " failed with HTTP "
          + status + ": " + detail, status, request, null);
    }

    static SendPilotApiException malformedBody(String request, int status, byte[] body,
        IOException cause) {
      String reason = cause instanceof JsonProcessingException
          ? ((JsonProcessingException) cause).getOriginalMessage() : cause.getMessage();
      return new SendPilotApiException("SendPilot API request " + request + " answered HTTP "
          + status + " with a body the driver cannot read (" + firstLine(reason) + "); body: "
          + snippet(body), status, request, cause);
    }

    private static String apiMessage(byte[] body) {
      try {
        JsonNode node = MAPPER.readTree(body);
        if (node != null && node.isObject() && node.hasNonNull("message")) {
          JsonNode message = node.get("message");
          if (message.isArray()) {
            StringBuilder joined = new StringBuilder();
            message.forEach(m -> joined.append(joined.length() == 0 ? "" : "; ")
                .append(m.asText()));
            return joined.toString();
          }
          return message.asText();
        }
      } catch (IOException ignored) {
        // not JSON: fall through to a snippet of the body
      }
      return snippet(body);
    }

    static String snippet(byte[] body) {
      if (body.length == 0) {
        return "(empty body)";
      }
      String text = new String(body, 0, Math.min(body.length, SNIPPET * 4),
          java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
      return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "..." : text;
    }

    private static String firstLine(String s) {
      if (s == null) {
        return "unreadable";
      }
      int nl = s.indexOf('\n');
      return nl < 0 ? s : s.substring(0, nl);
    }
  }
}
