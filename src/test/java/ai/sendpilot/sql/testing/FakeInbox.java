package ai.sendpilot.sql.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final String MESSAGES_PATH = "^/v1/inbox/conversations/([^/]+)/messages$";
  private final List<Map<String, Object>> conversations = new ArrayList<>();
  private final Set<String> deletedThreads = new HashSet<>();

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

  /**
   * Messages of a conversation, newest first: 150 for the first conversation of each account
   * (more than one page), {@code i % 4 + 1} for its i-th; an attachment on every third.
   */
  public List<Map<String, Object>> messages(String accountId, String conversationId) {
    Map<String, Object> c = conversations(accountId).stream()
        .filter(x -> x.get("id").equals(conversationId)).findFirst().orElseThrow();
    int i = Integer.parseInt(conversationId.substring(conversationId.lastIndexOf('c') + 1));
    int count = i == 0 ? 150 : i % 4 + 1;
    Instant last = Instant.parse((String) c.get("lastActivityAt"));
    List<Map<String, Object>> messages = new ArrayList<>();
    for (int m = 0; m < count; m++) {
      boolean sent = m % 2 == 1;
      Map<String, Object> me = Map.of("id", accountId + "-me", "name", "Me " + accountId,
          "profileUrl", "https://www.linkedin.com/in/" + accountId + "-me");
      Map<String, Object> them = Map.of("id", conversationId + "-p0", "name", "Zoë " + i,
          "profileUrl", "https://www.linkedin.com/in/" + conversationId + "-p0");
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("id", conversationId + "-m" + m);
      message.put("content", "Message " + m + " of " + conversationId);
      message.put("sender", sent ? me : them);
      message.put("recipient", sent ? them : me);
      message.put("direction", sent ? "sent" : "received");
      message.put("sentAt", last.minusSeconds(m).toString());
      message.put("readStatus", m == 0 && !sent ? "unread" : "read");
      message.put("contentType", "TEXT");
      if (m % 3 == 2) {
        message.put("attachments", List.of(Map.of("name", "f" + m + ".pdf")));
      }
      messages.add(message);
    }
    return messages;
  }

  /** Makes the messages of conversation {@code id} answer 404, as if it had been deleted. */
  public FakeInbox withDeletedThread(String id) {
    deletedThreads.add(id);
    return this;
  }

  private MockResponse messagesPage(HttpUrl url, String conversationId) {
    String account = url.queryParameter("accountId");
    boolean known = conversations(account).stream()
        .anyMatch(c -> c.get("id").equals(conversationId));
    if (account == null || !known || deletedThreads.contains(conversationId)) {
      return json(account == null ? 400 : 404, Map.of("statusCode", account == null ? 400 : 404,
          "message", "Conversation not found", "error", "Not Found"));
    }
    int limit = url.queryParameter("limit") == null ? 50
        : Integer.parseInt(url.queryParameter("limit"));
    String token = url.queryParameter("continuationToken");
    int offset = token == null ? 0 : Integer.parseInt(new String(
        Base64.getDecoder().decode(token), StandardCharsets.UTF_8).replaceAll("\\D", ""));
    List<Map<String, Object>> all = messages(account, conversationId);
    int end = Math.min(all.size(), offset + limit);
    boolean hasMore = end < all.size();
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("continuationToken", hasMore ? token(end) : null);
    pagination.put("hasMore", hasMore);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("conversationId", conversationId);
    body.put("messages", all.subList(Math.min(offset, all.size()), end));
    body.put("pagination", pagination);
    return json(200, body);
  }

  @Override public MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    if (!KEY.equals(request.getHeaders().get("X-API-Key"))) {
      return json(401, Map.of("statusCode", 401, "message", "Invalid API key",
          "error", "Unauthorized"));
    }
    Matcher messagesPath = Pattern.compile(MESSAGES_PATH).matcher(url.encodedPath());
    if (messagesPath.matches()) {
      return messagesPage(url, messagesPath.group(1));
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
