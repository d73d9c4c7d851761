package ai.sendpilot.sql.client;

import static ai.sendpilot.sql.config.SendPilotProperty.ALLOW_INSECURE_HTTP;
import static ai.sendpilot.sql.config.SendPilotProperty.BASE_URL;
import static ai.sendpilot.sql.config.SendPilotProperty.CALL_TIMEOUT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.CONNECT_TIMEOUT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_ATTEMPTS;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_CONCURRENT_REQUESTS;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_EMPTY_PAGES;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_RESPONSE_BYTES;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_RETRY_WAIT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.PAGE_SIZE;
import static ai.sendpilot.sql.config.SendPilotProperty.READ_TIMEOUT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.REQUESTS_PER_SECOND;

import ai.sendpilot.sql.config.SendPilotProperty;
import com.google.common.net.InetAddresses;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Immutable settings of a {@link SendPilotClient}: where the API is, the key, page size,
 * timeouts, retries, and the bounds on what the API may answer.
 */
public final class ClientConfig {
  /** The public SendPilot API. */
  public static final String DEFAULT_BASE_URL = BASE_URL.defaultValue(String.class);
  /** The largest page the API serves. */
  public static final int MAX_PAGE_SIZE = (int) PAGE_SIZE.bounds().max();

  private final HttpUrl baseUrl;
  private final ApiKey apiKey;
  private final int pageSize;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final int maxAttempts;
  private final Duration maxRetryWait;
  private final Double requestsPerSecond;
  private final int maxConcurrentRequests;
  private final int maxResponseBytes;
  private final int maxEmptyPages;

  private ClientConfig(Builder b) {
    this.baseUrl = parseBaseUrl(b.baseUrl, b.allowInsecureHttp);
    this.apiKey = Objects.requireNonNull(b.apiKey, "apiKey");
    this.pageSize = PAGE_SIZE.checked(b.pageSize);
    this.connectTimeout = checked(CONNECT_TIMEOUT_MS, b.connectTimeout);
    this.readTimeout = checked(READ_TIMEOUT_MS, b.readTimeout);
    this.callTimeout = checked(CALL_TIMEOUT_MS, b.callTimeout);
    this.maxAttempts = MAX_ATTEMPTS.checked(b.maxAttempts);
    this.maxRetryWait = checked(MAX_RETRY_WAIT_MS, b.maxRetryWait);
    this.requestsPerSecond = b.requestsPerSecond == null ? null
        : REQUESTS_PER_SECOND.checked(b.requestsPerSecond);
    this.maxConcurrentRequests = MAX_CONCURRENT_REQUESTS.checked(b.maxConcurrentRequests);
    this.maxResponseBytes = MAX_RESPONSE_BYTES.checked(b.maxResponseBytes);
    this.maxEmptyPages = MAX_EMPTY_PAGES.checked(b.maxEmptyPages);
  }

  public static Builder builder() {
    return new Builder();
  }

  public HttpUrl baseUrl() {
    return baseUrl;
  }

  public ApiKey apiKey() {
    return apiKey;
  }

  public int pageSize() {
    return pageSize;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  public Duration callTimeout() {
    return callTimeout;
  }

  /** Attempts per request, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The most time one request may spend waiting between retries. */
  public Duration maxRetryWait() {
    return maxRetryWait;
  }

  /**
   * The most requests per second allowed for this key in this JVM, or null for no fixed cap: the
   * pace is then learned from the API's answers.
   */
  public Double requestsPerSecond() {
    return requestsPerSecond;
  }

  /** Requests in flight at once allowed for this key in this JVM. */
  public int maxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  /** The largest response body read for one request, in bytes. */
  public int maxResponseBytes() {
    return maxResponseBytes;
  }

  /** Pages in a row without a new conversation after which a scan fails. */
  public int maxEmptyPages() {
    return maxEmptyPages;
  }

  @Override public String toString() {
    return "ClientConfig{baseUrl=" + baseUrl + ", apiKey=" + apiKey + ", pageSize=" + pageSize
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
        + ", callTimeout=" + callTimeout + ", maxAttempts=" + maxAttempts + ", maxRetryWait="
        + maxRetryWait + ", requestsPerSecond=" + requestsPerSecond + ", maxConcurrentRequests="
        + maxConcurrentRequests + ", maxResponseBytes=" + maxResponseBytes + ", maxEmptyPages="
        + maxEmptyPages + "}";
  }

  /** {@code d} if {@code setting}, in milliseconds, allows it. */
  private static Duration checked(SendPilotProperty setting, Duration d) {
    Objects.requireNonNull(d, setting.camelName());
    setting.checked(d.getSeconds() * 1000.0 + d.getNano() / 1_000_000.0);
    return d;
  }

  private static HttpUrl parseBaseUrl(String text, boolean allowInsecureHttp) {
    HttpUrl url = HttpUrl.parse(text == null ? DEFAULT_BASE_URL : text.strip());
    if (url == null) {
      throw new IllegalArgumentException(
          "baseUrl is not an http(s) URL: '" + text + "'");
    }
    if (url.username().length() > 0 || url.password().length() > 0) {
      throw new IllegalArgumentException("baseUrl must not contain credentials");
    }
    if (!url.isHttps() && !allowInsecureHttp && !isLoopback(url.host())) {
      throw new IllegalArgumentException("baseUrl " + url.scheme() + "://" + url.host()
          + " is plain HTTP: the API key would travel unencrypted. Use https://, or set"
          + " allowInsecureHttp=true if you really mean it.");
    }
    return url;
  }

  /** {@code localhost} or a loopback IP literal; a name is never resolved for this. */
  static boolean isLoopback(String host) {
    String literal = host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
    return host.equalsIgnoreCase("localhost")
        || (InetAddresses.isInetAddress(literal)
            && InetAddresses.forString(literal).isLoopbackAddress());
  }

  /** Collects settings; every one has a default, the declared one, but the key. */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private ApiKey apiKey;
    private int pageSize = PAGE_SIZE.defaultValue(Integer.class);
    private Duration connectTimeout = defaultMillis(CONNECT_TIMEOUT_MS);
    private Duration readTimeout = defaultMillis(READ_TIMEOUT_MS);
    private Duration callTimeout = defaultMillis(CALL_TIMEOUT_MS);
    private boolean allowInsecureHttp = ALLOW_INSECURE_HTTP.defaultValue(Boolean.class);
    private int maxAttempts = MAX_ATTEMPTS.defaultValue(Integer.class);
    private Duration maxRetryWait = defaultMillis(MAX_RETRY_WAIT_MS);
    private Double requestsPerSecond = REQUESTS_PER_SECOND.defaultValue(Double.class);
    private int maxConcurrentRequests = MAX_CONCURRENT_REQUESTS.defaultValue(Integer.class);
    private int maxResponseBytes = MAX_RESPONSE_BYTES.defaultValue(Integer.class);
    private int maxEmptyPages = MAX_EMPTY_PAGES.defaultValue(Integer.class);

    private Builder() {
    }

    private static Duration defaultMillis(SendPilotProperty setting) {
      return Duration.ofMillis(setting.defaultValue(Integer.class));
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder maxRetryWait(Duration maxRetryWait) {
      this.maxRetryWait = maxRetryWait;
      return this;
    }

    /** A fixed cap on the request rate; null (the default) for none. */
    public Builder requestsPerSecond(Double requestsPerSecond) {
      this.requestsPerSecond = requestsPerSecond;
      return this;
    }

    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    public Builder maxResponseBytes(int maxResponseBytes) {
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    public Builder maxEmptyPages(int maxEmptyPages) {
      this.maxEmptyPages = maxEmptyPages;
      return this;
    }

    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    public Builder apiKey(ApiKey apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    public Builder allowInsecureHttp(boolean allowInsecureHttp) {
      this.allowInsecureHttp = allowInsecureHttp;
      return this;
    }

    public ClientConfig build() {
      return new ClientConfig(this);
    }
  }
}
