package ai.sendpilot.sql.client;

import com.google.common.net.InetAddresses;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Immutable settings of a {@link SendPilotClient}: where the API is, the key, page size and
 * timeouts.
 */
public final class ClientConfig {
  /** The public SendPilot API. */
  public static final String DEFAULT_BASE_URL = "https://api.sendpilot.ai";
  /** The largest page the API serves. */
  public static final int MAX_PAGE_SIZE = 100;

  private final HttpUrl baseUrl;
  private final ApiKey apiKey;
  private final int pageSize;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final int maxAttempts;
  private final Duration maxRetryWait;
  private final double requestsPerSecond;
  private final int maxConcurrentRequests;

  private ClientConfig(Builder b) {
    this.baseUrl = parseBaseUrl(b.baseUrl, b.allowInsecureHttp);
    this.apiKey = Objects.requireNonNull(b.apiKey, "apiKey");
    if (b.pageSize < 1 || b.pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize must be between 1 and " + MAX_PAGE_SIZE + ", got " + b.pageSize);
    }
    this.pageSize = b.pageSize;
    this.connectTimeout = positive("connectTimeout", b.connectTimeout);
    this.readTimeout = positive("readTimeout", b.readTimeout);
    this.callTimeout = positive("callTimeout", b.callTimeout);
    this.maxAttempts = atLeastOne("maxAttempts", b.maxAttempts);
    this.maxRetryWait = positive("maxRetryWait", b.maxRetryWait);
    if (!(b.requestsPerSecond > 0) || Double.isInfinite(b.requestsPerSecond)) {
      throw new IllegalArgumentException(
          "requestsPerSecond must be a positive number, got " + b.requestsPerSecond);
    }
    this.requestsPerSecond = b.requestsPerSecond;
    this.maxConcurrentRequests = atLeastOne("maxConcurrentRequests", b.maxConcurrentRequests);
  }

  private static int atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
    return value;
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

  /** Requests per second allowed for this key in this JVM. */
  public double requestsPerSecond() {
    return requestsPerSecond;
  }

  /** Requests in flight at once allowed for this key in this JVM. */
  public int maxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  @Override public String toString() {
    return "ClientConfig{baseUrl=" + baseUrl + ", apiKey=" + apiKey + ", pageSize=" + pageSize
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
        + ", callTimeout=" + callTimeout + ", maxAttempts=" + maxAttempts + ", maxRetryWait="
        + maxRetryWait + ", requestsPerSecond=" + requestsPerSecond + ", maxConcurrentRequests="
        + maxConcurrentRequests + "}";
  }

  private static Duration positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
    }
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

  /** Collects settings; every one has a default but the key. */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private ApiKey apiKey;
    private int pageSize = MAX_PAGE_SIZE;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private boolean allowInsecureHttp;
    private int maxAttempts = 5;
    private Duration maxRetryWait = Duration.ofSeconds(60);
    private double requestsPerSecond = 10;
    private int maxConcurrentRequests = 4;

    private Builder() {
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder maxRetryWait(Duration maxRetryWait) {
      this.maxRetryWait = maxRetryWait;
      return this;
    }

    public Builder requestsPerSecond(double requestsPerSecond) {
      this.requestsPerSecond = requestsPerSecond;
      return this;
    }

    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      this.maxConcurrentRequests = maxConcurrentRequests;
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
