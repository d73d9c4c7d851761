package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.client.ApiKey;
import ai.sendpilot.sql.client.ClientConfig;
import ai.sendpilot.sql.scan.ScanOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the driver's settings from model operands or JDBC properties plus the environment,
 * with one set of names and defaults for both.
 */
public final class SendPilotSettings {
  public static final String API_KEY = "apiKey";
  public static final String API_KEY_ENV = "apiKeyEnv";
  public static final String API_KEY_FILE = "apiKeyFile";
  public static final String BASE_URL = "baseUrl";
  public static final String PAGE_SIZE = "pageSize";
  public static final String CONNECT_TIMEOUT_MS = "connectTimeoutMs";
  public static final String READ_TIMEOUT_MS = "readTimeoutMs";
  public static final String CALL_TIMEOUT_MS = "callTimeoutMs";
  public static final String ALLOW_INSECURE_HTTP = "allowInsecureHttp";
  public static final String DEMO = "demo";
  public static final String MAX_ATTEMPTS = "maxAttempts";
  public static final String MAX_RETRY_WAIT_MS = "maxRetryWaitMs";
  public static final String REQUESTS_PER_SECOND = "requestsPerSecond";
  public static final String MAX_CONCURRENT_REQUESTS = "maxConcurrentRequests";
  public static final String PAGE_CACHE_TTL_MS = "pageCacheTtlMs";
  public static final String PAGE_CACHE_MAX_CONVERSATIONS = "pageCacheMaxConversations";
  public static final String NATIVE_ORDER = "nativeOrder";

  /** Every setting name, so a JDBC driver can tell them apart from Calcite's own. */
  public static final Set<String> NAMES = Set.of(API_KEY, API_KEY_ENV, API_KEY_FILE, BASE_URL,
      PAGE_SIZE, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, CALL_TIMEOUT_MS, ALLOW_INSECURE_HTTP,
      DEMO, MAX_ATTEMPTS, MAX_RETRY_WAIT_MS, REQUESTS_PER_SECOND, MAX_CONCURRENT_REQUESTS,
      PAGE_CACHE_TTL_MS, PAGE_CACHE_MAX_CONVERSATIONS, NATIVE_ORDER);

  public static final String DEFAULT_API_KEY_ENV = "SENDPILOT_API_KEY";
  public static final String BASE_URL_ENV = "SENDPILOT_BASE_URL";

  private final Map<String, ?> values;
  private final Map<String, String> env;

  private SendPilotSettings(Map<String, ?> values, Map<String, String> env) {
    this.values = values;
    this.env = env;
  }

  /** Settings from {@code values} (operands or properties), falling back on {@code env}. */
  public static SendPilotSettings from(Map<String, ?> values, Map<String, String> env) {
    return new SendPilotSettings(Map.copyOf(values), Map.copyOf(env));
  }

  /** Whether the built-in demo inbox was asked for explicitly. */
  public boolean demo() {
    return bool(DEMO);
  }

  /** The client settings; fails with a message saying what to set when the key is missing. */
  public ClientConfig clientConfig() {
    return clientConfigBuilder().apiKey(apiKey()).build();
  }

  /** The client settings other than the key and, if given, the base URL. */
  public ClientConfig.Builder clientConfigBuilder() {
    return ClientConfig.builder()
        .baseUrl(baseUrl())
        .pageSize(intValue(PAGE_SIZE, ClientConfig.MAX_PAGE_SIZE))
        .connectTimeout(Duration.ofMillis(intValue(CONNECT_TIMEOUT_MS, 10_000)))
        .readTimeout(Duration.ofMillis(intValue(READ_TIMEOUT_MS, 30_000)))
        .callTimeout(Duration.ofMillis(intValue(CALL_TIMEOUT_MS, 60_000)))
        .allowInsecureHttp(bool(ALLOW_INSECURE_HTTP))
        .maxAttempts(intValue(MAX_ATTEMPTS, 5))
        .maxRetryWait(Duration.ofMillis(intValue(MAX_RETRY_WAIT_MS, 60_000)))
        .requestsPerSecond(doubleValue(REQUESTS_PER_SECOND, 10))
        .maxConcurrentRequests(intValue(MAX_CONCURRENT_REQUESTS, 4));
  }

  /** How scans read and share pages. */
  public ScanOptions scanOptions() {
    int ttl = intValue(PAGE_CACHE_TTL_MS, 30_000);
    int max = intValue(PAGE_CACHE_MAX_CONVERSATIONS, 10_000);
    if (ttl < 0 || max < 0) {
      throw new IllegalArgumentException(PAGE_CACHE_TTL_MS + " and " + PAGE_CACHE_MAX_CONVERSATIONS
          + " must not be negative, got " + ttl + " and " + max);
    }
    return new ScanOptions(Duration.ofMillis(ttl), max, bool(NATIVE_ORDER, true));
  }

  /** Whether a key is configured anywhere (property, file or environment). */
  public boolean hasApiKey() {
    return text(API_KEY) != null || text(API_KEY_FILE) != null || nonBlank(env.get(keyEnvName()));
  }

  private ApiKey apiKey() {
    String direct = text(API_KEY);
    if (direct != null) {
      return ApiKey.of(direct);
    }
    String file = text(API_KEY_FILE);
    if (file != null) {
      try {
        return ApiKey.of(Files.readString(Path.of(file), StandardCharsets.UTF_8));
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException("Cannot read the SendPilot API key from apiKeyFile '"
            + file + "': " + e.getMessage(), e);
      }
    }
    String fromEnv = env.get(keyEnvName());
    if (nonBlank(fromEnv)) {
      return ApiKey.of(fromEnv);
    }
    throw new IllegalArgumentException("No SendPilot API key: set the environment variable "
        + keyEnvName() + ", or the apiKey or apiKeyFile property. Keys are made in the"
        + " SendPilot dashboard under Integrations > API Keys. To try the driver without a key,"
        + " use demo=true.");
  }

  private String keyEnvName() {
    String name = text(API_KEY_ENV);
    return name == null ? DEFAULT_API_KEY_ENV : name;
  }

  private String baseUrl() {
    String url = text(BASE_URL);
    if (url == null && nonBlank(env.get(BASE_URL_ENV))) {
      url = env.get(BASE_URL_ENV);
    }
    return url == null ? ClientConfig.DEFAULT_BASE_URL : url;
  }

  private String text(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    String s = v.toString().strip();
    return s.isEmpty() ? null : s;
  }

  private int intValue(String name, int defaultValue) {
    return number(name, defaultValue, Number::intValue, Integer::parseInt, "a whole number");
  }

  private double doubleValue(String name, double defaultValue) {
    return number(name, defaultValue, Number::doubleValue, Double::parseDouble, "a number");
  }

  /** A numeric setting: JSON numbers from a model, text from JDBC properties. */
  private <T> T number(String name, T defaultValue, Function<Number, T> fromNumber,
      Function<String, T> parse, String kind) {
    Object v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Number) {
      return fromNumber.apply((Number) v);
    }
    try {
      return parse.apply(v.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Setting " + name + " must be " + kind + ", got '" + v
          + "'", e);
    }
  }

  private boolean bool(String name) {
    return bool(name, false);
  }

  private boolean bool(String name, boolean defaultValue) {
    Object v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    String s = v.toString().strip().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return s.equals("true");
    }
    throw new IllegalArgumentException("Setting " + name + " must be true or false, got '" + v
        + "'");
  }

  private static boolean nonBlank(String s) {
    return s != null && !s.isBlank();
  }
}
