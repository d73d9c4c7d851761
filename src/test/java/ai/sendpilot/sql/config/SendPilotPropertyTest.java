package ai.sendpilot.sql.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The declaration is consistent, and values are read and checked as it says. */
class SendPilotPropertyTest {
  private static final Map<SendPilotProperty.Type, Class<?>> VALUE_CLASSES = Map.of(
      SendPilotProperty.Type.STRING, String.class,
      SendPilotProperty.Type.BOOLEAN, Boolean.class,
      SendPilotProperty.Type.INT, Integer.class,
      SendPilotProperty.Type.DOUBLE, Double.class);

  @Test void everyDefaultHasTheDeclaredTypeAndIsAllowed() {
    for (SendPilotProperty p : SendPilotProperty.values()) {
      assertEquals(Optional.of(p), SendPilotProperty.of(p.camelName()));
      if (p.defaultValue() != null) {
        assertTrue(VALUE_CLASSES.get(p.type()).isInstance(p.defaultValue()), p.camelName());
        assertEquals(p.defaultValue(), p.parse(p.format(p.defaultValue())), p.camelName());
      }
      assertTrue(!p.description().isBlank() && !p.description().contains("\n"), p.camelName());
    }
    assertEquals(Optional.empty(), SendPilotProperty.of("lex"));
  }

  @Test void namesMatchInAnyCase() {
    for (String name : new String[] {"apiKey", "APIKEY", "apikey", "ApiKey"}) {
      assertEquals(Optional.of(SendPilotProperty.API_KEY), SendPilotProperty.of(name), name);
    }
  }

  @Test void valuesAreReadFromJsonOrText() {
    assertEquals(25, SendPilotProperty.PAGE_SIZE.parse(25));
    assertEquals(25, SendPilotProperty.PAGE_SIZE.parse(" 25 "));
    assertEquals(2.5, SendPilotProperty.REQUESTS_PER_SECOND.parse("2.5"));
    assertEquals(true, SendPilotProperty.DEMO.parse("TRUE"));
    assertEquals(false, SendPilotProperty.DEMO.parse(false));
    assertNull(SendPilotProperty.API_KEY_FILE.parse("  "));
    assertNull(SendPilotProperty.PAGE_SIZE.parse(null));
  }

  @Test void badValuesNameTheSettingAndWhatItAllows() {
    assertMessage("Setting pageSize must be between 1 and 100, got 500",
        () -> SendPilotProperty.PAGE_SIZE.parse("500"));
    assertMessage("Setting pageSize must be between 1 and 100, got 0",
        () -> SendPilotProperty.PAGE_SIZE.checked(0));
    assertMessage("Setting readTimeoutMs must be greater than 0, got 0",
        () -> SendPilotProperty.READ_TIMEOUT_MS.parse(0));
    assertMessage("Setting maxAttempts must be at least 1, got 0",
        () -> SendPilotProperty.MAX_ATTEMPTS.parse("0"));
    assertMessage("Setting requestsPerSecond must be greater than 0, got 0",
        () -> SendPilotProperty.REQUESTS_PER_SECOND.parse("0"));
    assertMessage("Setting requestsPerSecond must be greater than 0, got Infinity",
        () -> SendPilotProperty.REQUESTS_PER_SECOND.checked(Double.POSITIVE_INFINITY));
    assertMessage("Setting maxConcurrentRequests must be at least 1, got -2",
        () -> SendPilotProperty.MAX_CONCURRENT_REQUESTS.parse(-2));
    assertMessage("Setting pageCacheTtlMs must be at least 0, got -1",
        () -> SendPilotProperty.PAGE_CACHE_TTL_MS.parse("-1"));
    assertMessage("Setting pageCacheMaxConversations must be a whole number, got 'many'",
        () -> SendPilotProperty.PAGE_CACHE_MAX_CONVERSATIONS.parse("many"));
    assertMessage("Setting requestsPerSecond must be a number, got 'fast'",
        () -> SendPilotProperty.REQUESTS_PER_SECOND.parse("fast"));
    assertMessage("Setting nativeOrder must be true or false, got 'yes'",
        () -> SendPilotProperty.NATIVE_ORDER.parse("yes"));
  }

  @Test void onlyTheKeyIsSecret() {
    for (SendPilotProperty p : SendPilotProperty.values()) {
      assertEquals(p == SendPilotProperty.API_KEY, p.isSecret(), p.camelName());
    }
  }

  private static void assertMessage(String expected, Runnable action) {
    assertEquals(expected,
        assertThrows(IllegalArgumentException.class, action::run).getMessage());
  }
}
