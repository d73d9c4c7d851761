package ai.sendpilot.sql.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every request: counts it, waits the configured latency, applies the rate limit and the
 * fault plan, checks the API key and routes to an endpoint. Faults depend only on the request
 * number, and pages only on their URL, so a client retrying the same URL gets the right page.
 */
final class InboxHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(InboxHandler.class);
  private static final String CONVERSATIONS = "/v1/inbox/conversations";
  private static final Pattern MESSAGES =
      Pattern.compile("^/v1/inbox/conversations/([^/]+)/messages/?$");
  private static final int LOGGED_REQUESTS = 10_000;

  private final SimulatorConfig config;
  private final FaultPlan faults;
  private final ConversationsEndpoint conversations;
  private final MessagesEndpoint messages;
  private final RateLimitBucket rateLimit;
  private final AtomicLong requests = new AtomicLong();
  private final Deque<String> recent = new ArrayDeque<>();

  InboxHandler(SimulatorConfig config, DemoInbox inbox) {
    this.config = config;
    this.faults = new FaultPlan(config);
    this.conversations = new ConversationsEndpoint(inbox, faults);
    this.messages = new MessagesEndpoint(inbox);
    this.rateLimit = config.rateLimit() == 0 ? null
        : new RateLimitBucket(config.rateLimit(), config.rateLimitHeaders(), System::nanoTime);
  }

  long requestCount() {
    return requests.get();
  }

  /** Path and query of the latest requests, oldest first. */
  synchronized List<String> recentRequests() {
    return List.copyOf(recent);
  }

  private synchronized void log(String request) {
    if (recent.size() == LOGGED_REQUESTS) {
      recent.removeFirst();
    }
    recent.addLast(request);
  }

  /** The rate limit, or null when there is none. */
  RateLimitBucket rateLimit() {
    return rateLimit;
  }

  @Override public void handle(HttpExchange exchange) throws IOException {
    try {
      long n = requests.incrementAndGet();
      log(exchange.getRequestURI().toString());
      pause();
      send(exchange, rateLimit == null ? reply(exchange, n)
          : rateLimit.answer(() -> reply(exchange, n)));
    } catch (RuntimeException e) {
      LOG.error("Simulator failed on {}", exchange.getRequestURI(), e);
      send(exchange, HttpReply.error(500, "Internal server error", "Internal Server Error"));
    } finally {
      exchange.close();
    }
  }

  private HttpReply reply(HttpExchange exchange, long n) {
    return switch (faults.forRequest(n)) {
      case THROTTLE -> HttpReply.error(429, "Too many requests, please retry later",
          "Too Many Requests").withHeader("Retry-After", "1");
      case SERVER_ERROR -> HttpReply.error(503, "Service temporarily unavailable",
          "Service Unavailable");
      case MALFORMED -> route(exchange, false).truncated();
      case NONE -> route(exchange, true);
    };
  }

  private HttpReply route(HttpExchange exchange, boolean counted) {
    if (!config.apiKey().equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
      return HttpReply.error(401, "Invalid API key", "Unauthorized");
    }
    if (!"GET".equals(exchange.getRequestMethod())) {
      return HttpReply.error(405, "Method not allowed", "Method Not Allowed");
    }
    String path = exchange.getRequestURI().getRawPath();
    try {
      QueryParams query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
      if (CONVERSATIONS.equals(path) || (CONVERSATIONS + "/").equals(path)) {
        return HttpReply.json(200, conversations.page(query, counted));
      }
      Matcher m = MESSAGES.matcher(path);
      if (m.matches()) {
        String id = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        return HttpReply.json(200, messages.page(id, query));
      }
      return HttpReply.error(404, "Cannot GET " + path, "Not Found");
    } catch (ApiException e) {
      String error = e.status() == 404 ? "Not Found" : "Bad Request";
      return HttpReply.error(e.status(), e.getMessage(), error);
    }
  }

  private void pause() {
    if (config.latency().isZero()) {
      return;
    }
    try {
      Thread.sleep(config.latency().toMillis(), config.latency().toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, HttpReply reply) throws IOException {
    byte[] body = reply.body();
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    reply.headers().forEach(exchange.getResponseHeaders()::set);
    exchange.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
