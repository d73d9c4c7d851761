package ai.sendpilot.sql.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A MockWebServer dispatcher that serves a small synthetic inbox by the documented contract:
 * accountId filter, limit, continuation tokens, newest activity first.
 */
public final class FakeInbox extends Dispatcher {
  public static final String KEY = "test-key-0000";
  public static final Instant NEWEST = Instant.parse("2024-02-24T15:30:00.123Z");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Map<String, Object>> conversations = new ArrayList<>();

  /** An inbox with {@code counts[i]} conversations for account {@code accounts[i]}. */
  public FakeInbox(List<String> accounts, List<Integer> counts) {
    int[] made = new int[accounts.size()];
    int total = counts.stream().mapToInt(Integer::intValue).sum();
    int k = 0;
    while (k < total) {
      for (int a = 0; a < accounts.size(); a++) {
        if (made[a] < counts.get(a)) {
          conversations.add(conversation(k++, accounts.get(a), made[a]++));
        }
      }
    }
  }

  public static FakeInbox of(String account, int count) {
    return new FakeInbox(List.of(account), List.of(count));
  }

  /** Conversations of the account (all when null), newest first. */
  public List<Map<String, Object>> conversations(String accountId) {
    return conversations.stream()
        .filter(c -> accountId == null || accountId.equals(c.get("accountId")))
        .collect(Collectors.toList());
  }

  /** Ids of the first {@code n} conversations of the account (all when null), newest first. */
  public List<String> ids(String accountId, int n) {
    return conversations(accountId).stream().limit(n).map(c -> (String) c.get("id"))
        .collect(Collectors.toList());
  }

  /** The continuation token this inbox gives for the page that starts at {@code offset}. */
  public static String token(int offset) {
    return Base64.getEncoder().encodeToString(
        ("{\"continuation\":\"" + offset + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> conversation(int k, String account, int i) {
    Instant at = NEWEST.minusSeconds(60L * k);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", account + "-c" + i);
    c.put("accountId", account);
    List<Map<String, Object>> participants = new ArrayList<>();
    for (int p = 0; p <= i % 3; p++) {
      Map<String, Object> participant = new LinkedHashMap<>();
      participant.put("id", account + "-c" + i + "-p" + p);
      participant.put("name", "Zoë Nüñez " + i + "." + p);
      participant.put("profileUrl", "https://www.linkedin.com/in/" + account + "-" + i + "-" + p);
      if (p != 1) {
        participant.put("profilePicture", "https://media.example/" + i + "-" + p + ".jpg");
      }
      participants.add(participant);
    }
    c.put("participants", participants);
    if (i % 10 != 9) {
      c.put("lastMessage", Map.of("content", "Hello " + i, "sentAt", at.toString(),
          "direction", i % 2 == 0 ? "received" : "sent"));
    }
    c.put("lastActivityAt", at.toString());
    c.put("unreadCount", i % 4);
    c.put("createdAt", at.minusSeconds(86_400).toString());
    c.put("updatedAt", at.toString());
    c.put("someFutureField", Map.of("ignored", true));
    return c;
  }

  /**
   * Makes the API send {@code at} as the {@code lastActivityAt} of conversation {@code id}
   * (null: a JSON null), for ties and missing timestamps; the serving order stays as it was.
   */
  public FakeInbox withLastActivityAt(String id, Instant at) {
    for (Map<String, Object> c : conversations) {
      if (c.get("id").equals(id)) {
        c.put("lastActivityAt", at == null ? null : at.toString());
      }
    }
    return this;
  }

  @Override public MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    if (!KEY.equals(request.getHeaders().get("X-API-Key"))) {
      return json(401, Map.of("statusCode", 401, "message", "Invalid API key",
          "error", "Unauthorized"));
    }
    if (!url.encodedPath().equals("/v1/inbox/conversations")) {
      return json(404, Map.of("statusCode", 404, "message", "Not found", "error", "Not Found"));
    }
    int limit = url.queryParameter("limit") == null ? 20
        : Integer.parseInt(url.queryParameter("limit"));
    if (limit < 1 || limit > 100) {
      return json(400, Map.of("statusCode", 400, "message", "Validation failed",
          "error", "Bad Request"));
    }
    String token = url.queryParameter("continuationToken");
    int offset = token == null ? 0 : Integer.parseInt(new String(
        Base64.getDecoder().decode(token), StandardCharsets.UTF_8).replaceAll("\\D", ""));
    List<Map<String, Object>> all = conversations(url.queryParameter("accountId"));
    int end = Math.min(all.size(), offset + limit);
    boolean hasMore = end < all.size();
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("continuationToken", hasMore ? token(end) : null);
    pagination.put("limit", limit);
    pagination.put("hasMore", hasMore);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("conversations", all.subList(Math.min(offset, all.size()), end));
    body.put("pagination", pagination);
    return json(200, body);
  }

  static MockResponse json(int status, Object body) {
    try {
      return new MockResponse.Builder().code(status)
          .addHeader("Content-Type", "application/json")
          .body(JSON.writeValueAsString(body)).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
