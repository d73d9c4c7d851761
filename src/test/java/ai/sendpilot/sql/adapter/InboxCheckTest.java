package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.client.ApiKey;
import ai.sendpilot.sql.client.ClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A success is remembered for a minute per host and key; a failure is not; overlaps share. */
class InboxCheckTest {
  private final AtomicLong now = new AtomicLong();
  private final InboxCheck.Results results = new InboxCheck.Results(now::get);
  private final AtomicInteger requests = new AtomicInteger();

  private static ClientConfig config(String baseUrl, String key) {
    return ClientConfig.builder().baseUrl(baseUrl).apiKey(ApiKey.of(key)).build();
  }

  private CompletableFuture<?> succeed() {
    requests.incrementAndGet();
    return CompletableFuture.completedFuture("page");
  }

  private CompletableFuture<?> fail() {
    requests.incrementAndGet();
    return CompletableFuture.failedFuture(new IllegalStateException("HTTP 401"));
  }

  @Test void aSuccessIsRememberedForAMinutePerHostAndKey() {
    ClientConfig config = config("https://api.sendpilot.ai", "k1");
    results.check(config, this::succeed).join();
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    results.check(config, this::succeed).join();
    results.check(config("https://api.sendpilot.ai", "k1"), this::succeed).join();
    assertEquals(1, requests.get());
    results.check(config("https://api.sendpilot.ai", "k2"), this::succeed).join();
    results.check(config("https://eu.api.sendpilot.ai", "k1"), this::succeed).join();
    assertEquals(3, requests.get());
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    results.check(config, this::succeed).join();
    assertEquals(4, requests.get());
  }

  @Test void aFailureIsNotRemembered() {
    ClientConfig config = config("https://api.sendpilot.ai", "k1");
    assertTrue(results.check(config, this::fail).isCompletedExceptionally());
    assertTrue(results.check(config, this::fail).isCompletedExceptionally());
    assertFalse(results.check(config, this::succeed).isCompletedExceptionally());
    assertEquals(3, requests.get());
  }

  @Test void overlappingChecksShareOneRequest() {
    ClientConfig config = config("https://api.sendpilot.ai", "k1");
    CompletableFuture<String> response = new CompletableFuture<>();
    CompletableFuture<Void> first = results.check(config, () -> {
      requests.incrementAndGet();
      return response;
    });
    CompletableFuture<Void> second = results.check(config, this::succeed);
    assertEquals(1, requests.get());
    assertFalse(second.isDone());
    response.complete("page");
    assertTrue(first.isDone() && second.isDone());
  }

  @Test void theDemoNeedsNoCheck() {
    assertEquals(List.of(), InboxCheck.of(SendPilotSettings.from(Map.of("demo", "true"),
        Map.of())).stream().toList());
  }
}
