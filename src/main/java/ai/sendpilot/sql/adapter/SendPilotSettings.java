package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.config.SendPilotProperty.ALLOW_INSECURE_HTTP;
import static ai.sendpilot.sql.config.SendPilotProperty.API_KEY;
import static ai.sendpilot.sql.config.SendPilotProperty.API_KEY_ENV;
import static ai.sendpilot.sql.config.SendPilotProperty.API_KEY_FILE;
import static ai.sendpilot.sql.config.SendPilotProperty.BASE_URL;
import static ai.sendpilot.sql.config.SendPilotProperty.CALL_TIMEOUT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.CONNECT_TIMEOUT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.DEMO;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_ATTEMPTS;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_CONCURRENT_REQUESTS;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_EMPTY_PAGES;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_RESPONSE_BYTES;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_RETRY_WAIT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.NATIVE_ORDER;
import static ai.sendpilot.sql.config.SendPilotProperty.PAGE_CACHE_MAX_CONVERSATIONS;
import static ai.sendpilot.sql.config.SendPilotProperty.PAGE_CACHE_TTL_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.PAGE_SIZE;
import static ai.sendpilot.sql.config.SendPilotProperty.READ_TIMEOUT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.REQUESTS_PER_SECOND;

import ai.sendpilot.sql.client.ApiKey;
import ai.sendpilot.sql.client.ClientConfig;
import ai.sendpilot.sql.config.SendPilotProperty;
import ai.sendpilot.sql.scan.ScanOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The driver's settings read from model operands or JDBC properties plus the environment, as
 * {@link SendPilotProperty} declares them, and what they make: client settings and scan options.
 */
public final class SendPilotSettings {
  private final Map<SendPilotProperty, Object> given;
  private final Map<String, String> env;

  private SendPilotSettings(Map<SendPilotProperty, Object> given, Map<String, String> env) {
    this.given = given;
    this.env = env;
  }

  /**
   * Settings from {@code values} (operands or properties, by {@link
   * SendPilotProperty#camelName()}; other names are ignored), falling back on {@code env}.
   *
   * @throws IllegalArgumentException naming the setting, when a value is of the wrong type or
   *     out of range
   */
  public static SendPilotSettings from(Map<String, ?> values, Map<String, String> env) {
    Map<SendPilotProperty, Object> given = new EnumMap<>(SendPilotProperty.class);
    for (SendPilotProperty property : SendPilotProperty.values()) {
      Object value = property.parse(values.get(property.camelName()));
      if (value != null) {
        given.put(property, value);
      }
    }
    return new SendPilotSettings(Collections.unmodifiableMap(given), Map.copyOf(env));
  }

  /** Whether the built-in demo inbox was asked for explicitly. */
  public boolean demo() {
    return value(DEMO, Boolean.class);
  }

  /** The client settings; fails with a message saying what to set when the key is missing. */
  public ClientConfig clientConfig() {
    return clientConfigBuilder().apiKey(apiKey()).build();
  }

  /** The client settings other than the key and, if given, the base URL. */
  public ClientConfig.Builder clientConfigBuilder() {
    return ClientConfig.builder()
        .baseUrl(baseUrl())
        .pageSize(value(PAGE_SIZE, Integer.class))
        .connectTimeout(millis(CONNECT_TIMEOUT_MS))
        .readTimeout(millis(READ_TIMEOUT_MS))
        .callTimeout(millis(CALL_TIMEOUT_MS))
        .allowInsecureHttp(value(ALLOW_INSECURE_HTTP, Boolean.class))
        .maxAttempts(value(MAX_ATTEMPTS, Integer.class))
        .maxRetryWait(millis(MAX_RETRY_WAIT_MS))
        .requestsPerSecond(value(REQUESTS_PER_SECOND, Double.class))
        .maxConcurrentRequests(value(MAX_CONCURRENT_REQUESTS, Integer.class))
        .maxResponseBytes(value(MAX_RESPONSE_BYTES, Integer.class))
        .maxEmptyPages(value(MAX_EMPTY_PAGES, Integer.class));
  }

  /** How scans read and share pages. */
  public ScanOptions scanOptions() {
    return new ScanOptions(millis(PAGE_CACHE_TTL_MS),
        value(PAGE_CACHE_MAX_CONVERSATIONS, Integer.class), value(NATIVE_ORDER, Boolean.class));
  }

  /** Whether a key is configured anywhere (property, file or environment). */
  public boolean hasApiKey() {
    return given.containsKey(API_KEY) || given.containsKey(API_KEY_FILE)
        || nonBlank(env.get(keyEnvName()));
  }

  private ApiKey apiKey() {
    String direct = value(API_KEY, String.class);
    if (direct != null) {
      return ApiKey.of(direct);
    }
    String file = value(API_KEY_FILE, String.class);
    if (file != null) {
      try {
        return ApiKey.fromFile(Files.readString(Path.of(file), StandardCharsets.UTF_8));
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException("Cannot read the SendPilot API key from "
            + API_KEY_FILE.camelName() + " '" + file + "': " + e.getMessage(), e);
      }
    }
    String fromEnv = env.get(keyEnvName());
    if (nonBlank(fromEnv)) {
      return ApiKey.of(fromEnv);
    }
    throw new IllegalArgumentException("No SendPilot API key: set the environment variable "
        + keyEnvName() + ", or the " + API_KEY.camelName() + " or " + API_KEY_FILE.camelName()
        + " property. Keys are made in the SendPilot dashboard under Integrations > API Keys."
        + " To try the driver without a key, use " + DEMO.camelName() + "=true.");
  }

  private String keyEnvName() {
    return value(API_KEY_ENV, String.class);
  }

  /** The given base URL, else the environment's, else the public API. */
  private String baseUrl() {
    String fromEnv = env.get(BASE_URL.environmentVariable());
    if (!given.containsKey(BASE_URL) && nonBlank(fromEnv)) {
      return fromEnv;
    }
    return value(BASE_URL, String.class);
  }

  /** The given value, else the declared default. */
  private <T> T value(SendPilotProperty property, Class<T> type) {
    return type.cast(given.getOrDefault(property, property.defaultValue()));
  }

  private Duration millis(SendPilotProperty property) {
    return Duration.ofMillis(value(property, Integer.class));
  }

  private static boolean nonBlank(String s) {
    return s != null && !s.isBlank();
  }
}
