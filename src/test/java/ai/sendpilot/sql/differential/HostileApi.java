package ai.sendpilot.sql.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A hostile API in front of the simulator, for the differential test's hostile passes: each
 * {@link Mode} forwards every request to the simulator and bends the answer the way an
 * inconsistent or hostile API would. It logs every request path it receives.
 */
final class HostileApi extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient HTTP = new OkHttpClient();
  /** Ids that could change a request's path; each stands for one real conversation. */
  static final List<String> ODD_IDS = List.of("..", "%2e%2e", ".", "a/b", "a?b", "a#b", "%2F");

  /** How the answers are bent. */
  enum Mode {
    /** Conversations pages also repeat conversations of earlier pages (within the limit). */
    REPEATS,
    /** Conversations pages alternate between two contents, each with a fresh token. */
    ALTERNATING,
    /** Every third request is an error whose body echoes the key in another spelling. */
    ECHOED_KEYS,
    /** Some conversations' ids are odd ids (dot segments, '/', '?', '#', escapes). */
    ODD_IDS,
    /** Messages pages name another conversation than the one asked for. */
    FOREIGN_MESSAGES
  }

  private final HttpUrl upstream;
  private final String key;
  private final Mode mode;
  private final AtomicLong requests = new AtomicLong();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  /** Conversations a stream was served, by account filter and next token, for REPEATS. */
  private final Map<String, List<JsonNode>> served = new HashMap<>();
  /** Real id to odd id, and back, for ODD_IDS. */
  private final Map<String, String> oddOf = new HashMap<>();
  private final Map<String, String> realOf = new HashMap<>();

  /**
   * @param oddFor the real conversation ids that get {@link #ODD_IDS} (one each, per account)
   */
  HostileApi(String upstreamBaseUrl, String key, Mode mode, Map<String, List<String>> oddFor) {
    this.upstream = HttpUrl.get(upstreamBaseUrl);
    this.key = key;
    this.mode = mode;
    oddFor.forEach((account, ids) -> {
      for (int i = 0; i < ids.size() && i < ODD_IDS.size(); i++) {
        oddOf.put(account + "/" + ids.get(i), ODD_IDS.get(i));
        realOf.put(account + "/" + ODD_IDS.get(i), ids.get(i));
      }
    });
  }

  /** The raw path of every request received, in order. */
  List<String> paths() {
    return List.copyOf(paths);
  }

  /** The key spellings the ECHOED_KEYS mode uses, in turn. */
  List<String> spellings() {
    String b64 = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII));
    return List.of(key.toUpperCase(Locale.ROOT),
        key.chars().mapToObj(c -> String.format(Locale.ROOT, "%%%02x", c))
            .collect(Collectors.joining()),
        key.chars().mapToObj(c -> String.format(Locale.ROOT, "%%%02X", c))
            .collect(Collectors.joining()),
        key.chars().mapToObj(c -> String.format(Locale.ROOT, "\\u%04x", c))
            .collect(Collectors.joining()),
        b64);
  }

  @Override public MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    paths.add(url.encodedPath());
    long n = requests.incrementAndGet();
    try {
      if (mode == Mode.ECHOED_KEYS && n % 3 == 0) {
        String echo = spellings().get((int) (n / 3 % spellings().size()));
        int status = List.of(400, 401, 500).get((int) (n / 3 % 3));
        return json(status, "{\"statusCode\":" + status + ",\"message\":\"no such key "
            + echo.replace("\\", "\\\\") + "\"}");
      }
      boolean messages = url.pathSegments().size() == 5;
      HttpUrl.Builder forward = upstream.newBuilder().encodedPath("/v1/inbox/conversations");
      String account = url.queryParameter("accountId");
      if (messages) {
        String id = url.pathSegments().get(3);
        forward.addPathSegment(realOf.getOrDefault(account + "/" + id, id))
            .addPathSegment("messages");
      }
      for (String name : url.queryParameterNames()) {
        String value = url.queryParameter(name);
        if (mode == Mode.ALTERNATING && name.equals("continuationToken")) {
          continue;
        }
        if (mode == Mode.REPEATS && !messages && name.equals("limit")) {
          value = Integer.toString(Math.max(1, Integer.parseInt(value) - 2));
        }
        forward.addQueryParameter(name, value);
      }
      try (Response r = HTTP.newCall(new Request.Builder().url(forward.build())
          .header("X-API-Key", String.valueOf(request.getHeaders().get("X-API-Key")))
          .build()).execute()) {
        String body = r.body().string();
        if (r.code() != 200) {
          return json(r.code(), body);
        }
        ObjectNode page = (ObjectNode) JSON.readTree(body);
        return json(200, JSON.writeValueAsString(messages ? bendMessages(page, url)
            : bendConversations(page, account, url.queryParameter("continuationToken"),
                Integer.parseInt(url.queryParameter("limit")), n)));
      }
    } catch (IOException | RuntimeException e) {
      return json(502, "{\"message\":\"hostile proxy failed: " + e + "\"}");
    }
  }

  private ObjectNode bendConversations(ObjectNode page, String account, String token, int limit,
      long n) {
    ArrayNode conversations = (ArrayNode) page.get("conversations");
    switch (mode) {
      case REPEATS -> {
        // Repeats of what this stream (this chain of tokens) served before, as an API whose
        // pages shift with new activity would; a first page starts a new chain.
        String next = page.path("pagination").path("continuationToken").asText(null);
        synchronized (served) {
          List<JsonNode> earlier = new ArrayList<>(token == null ? List.of()
              : served.getOrDefault(account + "|" + token, List.of()));
          List<JsonNode> fresh = new ArrayList<>();
          conversations.forEach(fresh::add);
          for (int i = 0; i < 2 && conversations.size() < limit && !earlier.isEmpty(); i++) {
            conversations.add(earlier.get((int) ((n * 7 + i * 13) % earlier.size())));
          }
          earlier.addAll(fresh);
          if (next != null) {
            served.put(account + "|" + next, earlier);
          }
        }
      }
      case ALTERNATING -> {
        // The first page's conversations split in two contents; every page has a next one.
        // (An account without conversations stays empty: there is nothing to repeat.)
        if (conversations.isEmpty()) {
          break;
        }
        List<JsonNode> all = new ArrayList<>();
        conversations.forEach(all::add);
        int half = Math.max(1, all.size() / 2);
        List<JsonNode> content = n % 2 == 1 ? all.subList(0, Math.min(half, all.size()))
            : all.subList(Math.min(half, all.size()), all.size());
        conversations.removeAll();
        content.forEach(conversations::add);
        ObjectNode pagination = (ObjectNode) page.get("pagination");
        pagination.put("hasMore", true);
        pagination.put("continuationToken", "fresh-" + n);
      }
      case ODD_IDS -> conversations.forEach(c -> {
        String odd = oddOf.get(c.path("accountId").asText() + "/" + c.path("id").asText());
        if (odd != null) {
          ((ObjectNode) c).put("id", odd);
        }
      });
      default -> {
      }
    }
    return page;
  }

  private ObjectNode bendMessages(ObjectNode page, HttpUrl url) {
    if (mode == Mode.FOREIGN_MESSAGES) {
      page.put("conversationId", "someone-else-" + page.path("conversationId").asText());
    } else if (mode == Mode.ODD_IDS) {
      page.put("conversationId", url.pathSegments().get(3));
    }
    return page;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
        .body(body).build();
  }
}
