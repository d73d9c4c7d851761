package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Shared fetches, early tokens and the loopback rule hold up at the edges. */
class FetchRobustnessTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test void aFailingEarlyListenerDoesNotFailThePage() throws Exception {
    server.setDispatcher(FakeInbox.of("a", 150));
    SendPilotClient client = new SendPilotClient(ClientConfig.builder()
        .baseUrl(Jdbc.baseUrl(server)).apiKey(ApiKey.of(FakeInbox.KEY)).build());
    List<String> told = new CopyOnWriteArrayList<>();
    ConversationPage page = client.fetch(new PageRequest("a", 100, null), token -> {
      told.add(token);
      throw new IllegalStateException("listener broke");
    }).get(10, TimeUnit.SECONDS);
    assertEquals(100, page.conversations().size());
    assertTrue(page.hasNextPage());
    assertEquals(List.of(FakeInbox.token(100)), told, "the listener was told the next token");
  }

  /** A fetcher whose fetches never finish, counting how often it is asked. */
  private static final class Stalled implements PageFetcher {
    final List<CompletableFuture<ConversationPage>> started = new ArrayList<>();

    @Override public CompletableFuture<ConversationPage> fetch(PageRequest request,
        PageListener early) {
      CompletableFuture<ConversationPage> f = new CompletableFuture<>();
      started.add(f);
      return f;
    }

    @Override public int pageSize() {
      return 100;
    }

    @Override public int maxEmptyPages() {
      return 10;
    }

    @Override public String describe(PageRequest request) {
      return request.toString();
    }
  }

  @Test void aFetchEveryScanGaveUpIsCancelledAndNotHandedOut() {
    Stalled delegate = new Stalled();
    CachingPageFetcher cache = new CachingPageFetcher(delegate, Duration.ofMinutes(1), 1000);
    PageRequest request = new PageRequest("a", 10, null);
    CompletableFuture<ConversationPage> first = cache.fetch(request);
    CompletableFuture<ConversationPage> second = cache.fetch(request);
    assertEquals(1, delegate.started.size());
    first.cancel(true);
    assertFalse(delegate.started.get(0).isCancelled(), "another scan still waits");
    second.cancel(true);
    assertTrue(delegate.started.get(0).isCancelled());
    CompletableFuture<ConversationPage> third = cache.fetch(request);
    assertEquals(2, delegate.started.size());
    assertFalse(third.isDone());
  }

  @Test void onlyTrueLoopbackAddressesMayUsePlainHttp() {
    assertTrue(ClientConfig.isLoopback("127.0.0.1"));
    assertTrue(ClientConfig.isLoopback("127.3.2.1"));
    assertTrue(ClientConfig.isLoopback("::1"));
    assertTrue(ClientConfig.isLoopback("[::1]"));
    assertTrue(ClientConfig.isLoopback("localhost"));
    assertFalse(ClientConfig.isLoopback("127.evil.example"));
    assertFalse(ClientConfig.isLoopback("127.0.0.1.nip.io"));
    assertFalse(ClientConfig.isLoopback("localhost.example"));
    assertThrows(IllegalArgumentException.class, () -> ClientConfig.builder()
        .baseUrl("http://127.evil.example").apiKey(ApiKey.of("k")).build());
  }
}
