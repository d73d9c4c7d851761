package ai.sendpilot.sql.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Immutable settings of an {@link InboxSimulator}: data (seed, size, accounts), access (port,
 * key, threads) and fault knobs, where every {@code ...Every} knob and
 * {@code malformedAtRequest} use 0 for off.
 *
 * @param port TCP port on 127.0.0.1, 0 for an ephemeral one
 * @param seed seed of the synthetic data
 * @param conversationCount number of conversations over all accounts
 * @param accountIds sender account ids; conversation k belongs to account {@code k mod size}
 * @param apiKey the only accepted {@code X-API-Key}
 * @param latency delay added to every request
 * @param throttleEvery every Nth request answers 429 with {@code Retry-After: 1}
 * @param serverErrorEvery every Nth request answers 503
 * @param malformedAtRequest the Nth request gets status 200 with a truncated JSON body
 * @param emptyPageEvery every Nth conversations page is empty but says {@code hasMore=true}
 * @param threads request handler threads
 * @param tiesPercent share (0 to {@value #MAX_TIES_PERCENT} %) of conversations whose
 *     {@code lastActivityAt} is that of the conversation just before them, so that runs of
 *     conversations share one millisecond, within and across accounts; 0 for strictly
 *     decreasing times
 * @param rateLimit requests per second let through, each second's burst included; above it
 *     requests are answered 429 with a {@code Retry-After}; 0 for no limit
 * @param rateLimitHeaders whether answers say what is left of the rate limit in
 *     {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}
 *     (seconds until the limit is whole again)
 * @param newestActivity the anchor of the data's times: the newest conversation's last activity
 *     is within {@value ThreadGenerator#STEP_SECONDS} seconds before it, and every time is
 *     derived from it, so a seed and an anchor always make the same data
 */
public record SimulatorConfig(int port, long seed, int conversationCount, List<String> accountIds,
    String apiKey, Duration latency, int throttleEvery, int serverErrorEvery,
    int malformedAtRequest, int emptyPageEvery, int threads, int tiesPercent, int rateLimit,
    boolean rateLimitHeaders, Instant newestActivity) {

  public static final int MAX_CONVERSATIONS = 100_000_000;
  /** Above this, runs of tied conversations (and computing one's time) would grow long. */
  public static final int MAX_TIES_PERCENT = 90;
  /**
   * The system property that fixes the anchor of every simulator built without one, as an ISO
   * instant ({@code 2026-11-01T12:00:00Z}): for data that stays the same from day to day, as
   * tests need.
   */
  public static final String NEWEST_ACTIVITY_PROPERTY = "sendpilot.demo.newestActivity";
  /** How long before the moment it is built a simulator's data ends, by default. */
  public static final Duration DEFAULT_AGE = Duration.ofMinutes(5);

  public SimulatorConfig {
    accountIds = List.copyOf(accountIds);
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(newestActivity, "newestActivity");
    require(port >= 0 && port <= 65_535, "port must be 0..65535");
    require(conversationCount >= 0 && conversationCount <= MAX_CONVERSATIONS,
        "conversationCount must be 0.." + MAX_CONVERSATIONS);
    require(!accountIds.isEmpty(), "at least one account id is required");
    require(accountIds.stream().distinct().count() == accountIds.size(), "duplicate account id");
    require(!apiKey.isEmpty(), "apiKey must not be empty");
    require(!latency.isNegative(), "latency must not be negative");
    require(throttleEvery >= 0 && serverErrorEvery >= 0 && malformedAtRequest >= 0,
        "fault knobs must be >= 0");
    require(emptyPageEvery == 0 || emptyPageEvery >= 2,
        "emptyPageEvery must be 0 (off) or >= 2, else paging never ends");
    require(threads >= 1, "threads must be >= 1");
    require(tiesPercent >= 0 && tiesPercent <= MAX_TIES_PERCENT,
        "tiesPercent must be 0.." + MAX_TIES_PERCENT);
    require(rateLimit >= 0, "rateLimit must be >= 0 (0: off)");
  }

  public static Builder builder() {
    return new Builder();
  }

  public static SimulatorConfig defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    return new Builder().port(port).seed(seed).conversations(conversationCount)
        .accountIds(accountIds).apiKey(apiKey).latency(latency).throttleEvery(throttleEvery)
        .serverErrorEvery(serverErrorEvery).malformedAtRequest(malformedAtRequest)
        .emptyPageEvery(emptyPageEvery).threads(threads).tiesPercent(tiesPercent)
        .rateLimit(rateLimit).rateLimitHeaders(rateLimitHeaders).newestActivity(newestActivity);
  }

  /**
   * The anchor of a simulator built without one: {@value #NEWEST_ACTIVITY_PROPERTY} if set, else
   * {@link #DEFAULT_AGE} before now (whole seconds), so the data ends minutes before it starts.
   */
  static Instant defaultNewestActivity(String property, Clock clock) {
    if (property == null || property.isBlank()) {
      return clock.instant().minus(DEFAULT_AGE).truncatedTo(ChronoUnit.SECONDS);
    }
    try {
      return Instant.parse(property.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(NEWEST_ACTIVITY_PROPERTY + " must be an ISO instant"
          + " such as 2026-11-01T12:00:00Z, not '" + property + "'", e);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Builds a {@link SimulatorConfig}; starts from the defaults. */
  public static final class Builder {
    private int port;
    private long seed = 42;
    private int conversations = 3000;
    private List<String> accountIds =
        List.of("acc_emea_01", "acc_emea_02", "acc_na_01", "acc_apac_01");
    private String apiKey = "demo-key";
    private Duration latency = Duration.ZERO;
    private int throttleEvery;
    private int serverErrorEvery;
    private int malformedAtRequest;
    private int emptyPageEvery;
    private int threads = 4;
    private int tiesPercent;
    private int rateLimit;
    private boolean rateLimitHeaders;
    private Instant newestActivity;

    private Builder() {
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder conversations(int count) {
      this.conversations = count;
      return this;
    }

    public Builder accountIds(List<String> ids) {
      this.accountIds = List.copyOf(ids);
      return this;
    }

    public Builder accountIds(String... ids) {
      return accountIds(List.of(ids));
    }

    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    public Builder latency(Duration latency) {
      this.latency = latency;
      return this;
    }

    public Builder throttleEvery(int n) {
      this.throttleEvery = n;
      return this;
    }

    public Builder serverErrorEvery(int n) {
      this.serverErrorEvery = n;
      return this;
    }

    public Builder malformedAtRequest(int n) {
      this.malformedAtRequest = n;
      return this;
    }

    public Builder emptyPageEvery(int n) {
      this.emptyPageEvery = n;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder tiesPercent(int percent) {
      this.tiesPercent = percent;
      return this;
    }

    /** Requests per second let through; above it, 429 with a {@code Retry-After}. */
    public Builder rateLimit(int perSecond) {
      this.rateLimit = perSecond;
      return this;
    }

    public Builder rateLimitHeaders(boolean on) {
      this.rateLimitHeaders = on;
      return this;
    }

    /** The anchor of the data's times; unset: {@link #defaultNewestActivity}. */
    public Builder newestActivity(Instant anchor) {
      this.newestActivity = anchor;
      return this;
    }

    public SimulatorConfig build() {
      return new SimulatorConfig(port, seed, conversations, accountIds, apiKey, latency,
          throttleEvery, serverErrorEvery, malformedAtRequest, emptyPageEvery, threads,
          tiesPercent, rateLimit, rateLimitHeaders, newestActivity != null ? newestActivity
              : defaultNewestActivity(System.getProperty(NEWEST_ACTIVITY_PROPERTY),
                  Clock.systemUTC()));
    }
  }
}
