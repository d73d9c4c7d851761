package ai.sendpilot.sql.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every SendPilot setting, declared once: its name (the JDBC property and the {@code model.json}
 * operand), type, default, allowed values and a one-line description.
 */
public enum SendPilotProperty {
  API_KEY("apiKey", Type.STRING, null, Bounds.ANY, null, true,
      "the API key; else apiKeyFile, else the variable named by apiKeyEnv"),
  API_KEY_FILE("apiKeyFile", Type.STRING, null, "a file holding the key"),
  API_KEY_ENV("apiKeyEnv", Type.STRING, "SENDPILOT_API_KEY",
      "environment variable to read the key from"),
  BASE_URL("baseUrl", Type.STRING, "https://api.sendpilot.ai", Bounds.ANY, "SENDPILOT_BASE_URL",
      false, "API host; plain http:// only for loopback"),
  ALLOW_INSECURE_HTTP("allowInsecureHttp", Type.BOOLEAN, false,
      "allow plain http:// to a non-loopback host"),
  PAGE_SIZE("pageSize", Type.INT, 100, Bounds.between(1, 100),
      "page size of unlimited scans (1–100)"),
  CONNECT_TIMEOUT_MS("connectTimeoutMs", Type.INT, 10_000, Bounds.greaterThan(0),
      "TCP/TLS connect timeout"),
  READ_TIMEOUT_MS("readTimeoutMs", Type.INT, 30_000, Bounds.greaterThan(0),
      "timeout between bytes of a response"),
  CALL_TIMEOUT_MS("callTimeoutMs", Type.INT, 60_000, Bounds.greaterThan(0),
      "timeout of one whole HTTP call"),
  MAX_ATTEMPTS("maxAttempts", Type.INT, 5, Bounds.atLeast(1),
      "attempts per request on 429, 500, 502, 503, 504, connection failures and timeouts"),
  MAX_RETRY_WAIT_MS("maxRetryWaitMs", Type.INT, 60_000, Bounds.greaterThan(0),
      "most time one request may spend retrying; a Retry-After longer than this fails at once"),
  REQUESTS_PER_SECOND("requestsPerSecond", Type.DOUBLE, null, Bounds.greaterThan(0),
      "a fixed cap on requests per second, shared by all connections with the same key in the"
          + " JVM; unset: none, the pace is learned from the API (429, Retry-After, RateLimit"
          + " headers)"),
  MAX_CONCURRENT_REQUESTS("maxConcurrentRequests", Type.INT, 4, Bounds.atLeast(1),
      "requests in flight at once, shared by all connections with the same key in the JVM"),
  MAX_RESPONSE_BYTES("maxResponseBytes", Type.INT, 16_777_216,
      Bounds.between(1024, 1_073_741_824),
      "largest response body read for one request (1 KiB–1 GiB); a larger one fails the query"),
  MAX_EMPTY_PAGES("maxEmptyPages", Type.INT, 10, Bounds.atLeast(1),
      "pages in a row without a new conversation (yet hasMore=true) after which a scan fails"
          + " instead of paging on"),
  PAGE_CACHE_TTL_MS("pageCacheTtlMs", Type.INT, 30_000, Bounds.atLeast(0),
      "how long later statements of the connection reuse a fetched page; 0: only within one"
          + " statement"),
  PAGE_CACHE_MAX_CONVERSATIONS("pageCacheMaxConversations", Type.INT, 10_000, Bounds.atLeast(0),
      "the most conversations cached pages hold per connection; 0: no sharing at all"),
  MAX_MESSAGE_THREADS("maxMessageThreads", Type.INT, 500, Bounds.atLeast(1),
      "the most conversations a messages query without a conversation filter reads the messages"
          + " of; past it the query fails"),
  QUERY_TIMEOUT_MS("queryTimeoutMs", Type.INT, 300_000, Bounds.atLeast(0),
      "the longest a query may run once executing (0: no limit); past it the query stops, its"
          + " requests cancelled, with SQLState 57014; Statement.setQueryTimeout, when set,"
          + " takes precedence"),
  MAX_QUERY_MEMORY_MB("maxQueryMemoryMb", Type.INT, null, Bounds.atLeast(1),
      "the most memory one query may take for one value or for the rows it holds to sort, join,"
          + " aggregate into lists or compare; past it the query fails with SQLState 53200;"
          + " unset: a quarter of the JVM's maximum heap"),
  NATIVE_ORDER("nativeOrder", Type.BOOLEAN, true,
      "answer ORDER BY last_activity_at DESC from the API's order"),
  VALIDATE_ON_CONNECT("validateOnConnect", Type.BOOLEAN, true,
      "check the key and host when connecting, with one limit=1 request per key and host a"
          + " minute"),
  DEMO("demo", Type.BOOLEAN, false,
      "true: ignore the key and connect to the built-in demo inbox (and crm schema)"),
  DIALECT("dialect", Type.STRING, "postgresql",
      "postgresql: PostgreSQL's SQL, functions and answers; calcite: Calcite's SQL as before");

  /** How a setting's value is written and read. */
  public enum Type {
    STRING, BOOLEAN, INT, DOUBLE
  }

  /** The settings by upper-cased name: names match in any case. */
  private static final Map<String, SendPilotProperty> BY_NAME = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(p -> p.camelName.toUpperCase(Locale.ROOT),
          Function.identity()));

  private final String camelName;
  private final Type type;
  private final Object defaultValue;
  private final Bounds bounds;
  private final String environmentVariable;
  private final boolean secret;
  private final String description;

  SendPilotProperty(String camelName, Type type, Object defaultValue, String description) {
    this(camelName, type, defaultValue, Bounds.ANY, null, false, description);
  }

  SendPilotProperty(String camelName, Type type, Object defaultValue, Bounds bounds,
      String description) {
    this(camelName, type, defaultValue, bounds, null, false, description);
  }

  SendPilotProperty(String camelName, Type type, Object defaultValue, Bounds bounds,
      String environmentVariable, boolean secret, String description) {
    this.camelName = camelName;
    this.type = type;
    this.defaultValue = defaultValue;
    this.bounds = bounds;
    this.environmentVariable = environmentVariable;
    this.secret = secret;
    this.description = description;
  }

  /** The setting called {@code name} in any case ({@code apiKey}, {@code APIKEY}), if any. */
  public static Optional<SendPilotProperty> of(String name) {
    return Optional.ofNullable(BY_NAME.get(name.toUpperCase(Locale.ROOT)));
  }

  /** The name in JDBC properties and model operands. */
  public String camelName() {
    return camelName;
  }

  public Type type() {
    return type;
  }

  /** The value when none is given: a String, Boolean, Integer or Double, or null for none. */
  public Object defaultValue() {
    return defaultValue;
  }

  /** The default as {@code type}; fails if the setting is of another type. */
  public <T> T defaultValue(Class<T> valueType) {
    return valueType.cast(defaultValue);
  }

  /** The values a numeric setting allows. */
  public Bounds bounds() {
    return bounds;
  }

  /** The environment variable read when the setting is not given, or null. */
  public String environmentVariable() {
    return environmentVariable;
  }

  /** Whether the value is a secret, never to be shown. */
  public boolean isSecret() {
    return secret;
  }

  public String description() {
    return description;
  }

  /**
   * The value of a model operand (a JSON value) or a JDBC property (text) as this setting's type:
   * a String (null when blank), Boolean, Integer or Double; null when {@code raw} is.
   *
   * @throws IllegalArgumentException naming the setting, when the value is not of its type or
   *     not allowed
   */
  public Object parse(Object raw) {
    if (raw == null) {
      return null;
    }
    return switch (type) {
      case STRING -> nonBlank(raw.toString().strip());
      case BOOLEAN -> raw instanceof Boolean ? raw : parseBoolean(raw);
      case INT -> checked(raw instanceof Number ? ((Number) raw).intValue()
          : parseNumber(raw, Integer::parseInt, "a whole number"));
      case DOUBLE -> checked(raw instanceof Number ? ((Number) raw).doubleValue()
          : parseNumber(raw, Double::parseDouble, "a number"));
    };
  }

  /** {@code value} if this setting allows it; else fails naming the setting. */
  public int checked(int value) {
    checked((double) value);
    return value;
  }

  /** {@code value} if this setting allows it; else fails naming the setting. */
  public double checked(double value) {
    if (!bounds.contains(value)) {
      throw new IllegalArgumentException("Setting " + camelName + " must be " + bounds.describe()
          + ", got " + Bounds.format(value));
    }
    return value;
  }

  /** A value of this setting as text, as in a JDBC property: {@code 10}, not {@code 10.0}. */
  public String format(Object value) {
    if (value instanceof Double) {
      return Bounds.format((Double) value);
    }
    return value == null ? null : value.toString();
  }

  private static String nonBlank(String text) {
    return text.isEmpty() ? null : text;
  }

  private Boolean parseBoolean(Object raw) {
    String text = raw.toString().strip().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return text.equals("true");
    }
    throw new IllegalArgumentException("Setting " + camelName + " must be true or false, got '"
        + raw + "'");
  }

  private <T> T parseNumber(Object raw, Function<String, T> parse, String kind) {
    try {
      return parse.apply(raw.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Setting " + camelName + " must be " + kind + ", got '"
          + raw + "'", e);
    }
  }
}
