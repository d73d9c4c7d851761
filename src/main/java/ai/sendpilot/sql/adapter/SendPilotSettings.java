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
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_MESSAGE_THREADS;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_QUERY_MEMORY_MB;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_RESPONSE_BYTES;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_RETRY_WAIT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.NATIVE_ORDER;
import static ai.sendpilot.sql.config.SendPilotProperty.PAGE_CACHE_MAX_CONVERSATIONS;
import static ai.sendpilot.sql.config.SendPilotProperty.PAGE_CACHE_TTL_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.PAGE_SIZE;
import static ai.sendpilot.sql.config.SendPilotProperty.QUERY_TIMEOUT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.READ_TIMEOUT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.REQUESTS_PER_SECOND;
import static ai.sendpilot.sql.config.SendPilotProperty.VALIDATE_ON_CONNECT;

import ai.sendpilot.sql.client.ApiKey;
import ai.sendpilot.sql.client.ClientConfig;
import ai.sendpilot.sql.config.SendPilotProperty;
import ai.sendpilot.sql.scan.QueryLimits;
import ai.sendpilot.sql.scan.ScanOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import okhttp3.HttpUrl;

/**
 * The driver's settings read from model operands or JDBC properties plus the environment, as
 * {@link SendPilotProperty} declares them, and what they make: client settings and scan options.
 */
public final class SendPilotSettings {
  /** The largest key file read; keys are far shorter. */
  private static final int MAX_KEY_FILE_BYTES = 4096;

  private final Map<SendPilotProperty, Object> given;
  private final Map<String, String> env;

  /** Where a key comes from. */
  public enum KeySource {
    /** The apiKey setting (or a tool's password field). */
    GIVEN,
    /** The file apiKeyFile names. */
    FILE,
    /** The environment variable apiKeyEnv names. */
    ENVIRONMENT,
    /** Nowhere: there is no key. */
    NONE
  }

  private SendPilotSettings(Map<SendPilotProperty, Object> given, Map<String, String> env) {
    this.given = given;
    this.env = env;
  }

  /**
   * Settings from {@code values} (operands or properties, by {@link
   * SendPilotProperty#camelName()} in any case; other names are ignored), falling back on
   * {@code env}.
   *
   * @throws IllegalArgumentException naming the setting, when a value is of the wrong type or
   *     out of range, or the setting is given twice (in different cases)
   */
  public static SendPilotSettings from(Map<String, ?> values, Map<String, String> env) {
    Map<SendPilotProperty, String> names = new EnumMap<>(SendPilotProperty.class);
    for (String name : new TreeSet<>(values.keySet())) {
      SendPilotProperty.of(name).ifPresent(property -> {
        String earlier = names.put(property, name);
        if (earlier != null) {
          throw new IllegalArgumentException("Setting " + property.camelName()
              + " is given twice, as " + earlier + " and as " + name);
        }
      });
    }
    Map<SendPilotProperty, Object> given = new EnumMap<>(SendPilotProperty.class);
    names.forEach((property, name) -> {
      Object value = property.parse(values.get(name));
      if (value != null) {
        given.put(property, value);
      }
    });
    return new SendPilotSettings(Collections.unmodifiableMap(given), Map.copyOf(env));
  }

  /** Whether the built-in demo inbox was asked for explicitly. */
  public boolean demo() {
    return value(DEMO, Boolean.class);
  }

  /** Whether connecting checks the key and host with a request ({@link InboxCheck}). */
  public boolean validateOnConnect() {
    return value(VALIDATE_ON_CONNECT, Boolean.class);
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
        value(PAGE_CACHE_MAX_CONVERSATIONS, Integer.class), value(NATIVE_ORDER, Boolean.class),
        value(MAX_MESSAGE_THREADS, Integer.class));
  }

  /** What one query may take: time and memory. */
  public QueryLimits queryLimits() {
    return QueryLimits.of(value(QUERY_TIMEOUT_MS, Integer.class),
        (Integer) given.get(MAX_QUERY_MEMORY_MB));
  }

  /** Whether a key is configured anywhere (property, file or environment). */
  public boolean hasApiKey() {
    return keySource() != KeySource.NONE;
  }

  /** Where the key comes from: the first of apiKey, apiKeyFile and the environment given. */
  public KeySource keySource() {
    if (given.containsKey(API_KEY)) {
      return KeySource.GIVEN;
    }
    if (given.containsKey(API_KEY_FILE)) {
      return KeySource.FILE;
    }
    return nonBlank(env.get(keyEnvironmentVariable())) ? KeySource.ENVIRONMENT : KeySource.NONE;
  }

  /** The environment variable the key is read from when neither apiKey nor apiKeyFile is set. */
  public String keyEnvironmentVariable() {
    return value(API_KEY_ENV, String.class);
  }

  /**
   * Whether a base URL was given and it leads to another origin (scheme, host and port) than
   * the hosts the JVM's operator chose: the public API and {@code SENDPILOT_BASE_URL}. A URL
   * that is not one leads nowhere: the client refuses it.
   */
  public boolean baseUrlLeavesOperatorHosts() {
    if (!given.containsKey(BASE_URL)) {
      return false;
    }
    HttpUrl url = HttpUrl.parse(value(BASE_URL, String.class));
    return url != null && Stream.of(BASE_URL.defaultValue(String.class),
            env.get(BASE_URL.environmentVariable()))
        .filter(SendPilotSettings::nonBlank)
        .map(operators -> HttpUrl.parse(operators.strip()))
        .noneMatch(operators -> operators != null && sameOrigin(operators, url));
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  private ApiKey apiKey() {
    return switch (keySource()) {
      case GIVEN -> checkedKey(value(API_KEY, String.class), "The " + API_KEY.camelName());
      case FILE -> keyFromFile(value(API_KEY_FILE, String.class));
      case ENVIRONMENT -> checkedKey(env.get(keyEnvironmentVariable()),
          "The environment variable " + keyEnvironmentVariable());
      case NONE -> throw new IllegalArgumentException("No SendPilot API key: set the environment"
          + " variable " + keyEnvironmentVariable() + ", or the " + API_KEY.camelName() + " or "
          + API_KEY_FILE.camelName() + " property. Keys are made in the SendPilot dashboard"
          + " under Integrations > API Keys. To try the driver without a key, use "
          + DEMO.camelName() + "=true.");
    };
  }

  private static ApiKey keyFromFile(String file) {
    String source = API_KEY_FILE.camelName() + " '" + file + "'";
    byte[] bytes;
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
    } catch (IOException | InvalidPathException e) {
      throw new IllegalArgumentException("Cannot read the SendPilot API key from " + source
          + ": " + e.getClass().getSimpleName(), e);
    }
    if (bytes.length > MAX_KEY_FILE_BYTES) {
      throw new IllegalArgumentException("The file " + source + " is too large to hold a"
          + " SendPilot API key");
    }
    try {
      return ApiKey.fromFile(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The file " + source + " does not hold a usable"
          + " SendPilot API key. " + e.getMessage(), e);
    }
  }

  /** {@code text} as a key; a refusal names {@code source}, never a part of the text. */
  private static ApiKey checkedKey(String text, String source) {
    try {
      return ApiKey.of(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " does not hold a usable SendPilot API key. "
          + e.getMessage(), e);
    }
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
