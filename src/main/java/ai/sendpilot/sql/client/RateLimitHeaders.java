package ai.sendpilot.sql.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What an answer's rate limit headers say is left of the key's quota, and when it is reset.
 * Read, in this order, from the IETF draft's {@code RateLimit} ({@code remaining=2, reset=5}, or
 * {@code "default";r=2;t=5}, where several quotas give the smallest remaining), its
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset}, and the common
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}. A reset is seconds from now, or,
 * when too large for that, an epoch time in seconds or milliseconds.
 *
 * @param remaining requests left until the reset
 * @param resetAfter how long until the quota is reset
 */
record RateLimitHeaders(long remaining, Duration resetAfter) {
  /** A delta of more seconds than this (31 years) is an epoch time in seconds. */
  private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
  /** A delta of more than this is an epoch time in milliseconds. */
  private static final long EPOCH_MILLIS_FROM = 1_000_000_000_000L;
  private static final Pattern COUNT = Pattern.compile("\\d{1,18}");
  private static final Pattern SECONDS = Pattern.compile("\\d{1,15}(\\.\\d{1,9})?");

  /**
   * The quota the headers of an answer give, or null when they give none (both a remaining
   * count and a reset are needed).
   *
   * @param header a header's value by name, or null
   */
  static RateLimitHeaders read(Function<String, String> header, Clock clock) {
    RateLimitHeaders combined = combined(header.apply("RateLimit"), clock);
    if (combined != null) {
      return combined;
    }
    RateLimitHeaders ietf = of(header.apply("RateLimit-Remaining"),
        header.apply("RateLimit-Reset"), clock);
    return ietf != null ? ietf : of(header.apply("X-RateLimit-Remaining"),
        header.apply("X-RateLimit-Reset"), clock);
  }

  private static RateLimitHeaders of(String remaining, String reset, Clock clock) {
    if (remaining == null || reset == null || !COUNT.matcher(remaining.strip()).matches()) {
      return null;
    }
    Duration after = resetAfter(reset, clock);
    return after == null ? null : new RateLimitHeaders(Long.parseLong(remaining.strip()), after);
  }

  /**
   * The quota with the fewest requests left in a {@code RateLimit} header: its parameters in
   * order, a quota starting where a name or a parameter seen before comes again.
   */
  private static RateLimitHeaders combined(String value, Clock clock) {
    if (value == null) {
      return null;
    }
    RateLimitHeaders fewest = null;
    String remaining = null;
    String reset = null;
    for (String item : (value + ";end").split("[,;]")) {
      String[] nameValue = item.split("=", 2);
      String name = nameValue[0].strip().toLowerCase(Locale.ROOT);
      boolean isRemaining = nameValue.length == 2 && (name.equals("remaining") || name.equals("r"));
      boolean isReset = nameValue.length == 2 && (name.equals("reset") || name.equals("t"));
      if (nameValue.length == 1 || (isRemaining && remaining != null)
          || (isReset && reset != null)) {
        RateLimitHeaders quota = of(remaining, reset, clock);
        if (quota != null && (fewest == null || quota.remaining() < fewest.remaining())) {
          fewest = quota;
        }
        remaining = null;
        reset = null;
      }
      if (isRemaining) {
        remaining = nameValue[1].strip();
      } else if (isReset) {
        reset = nameValue[1].strip();
      }
    }
    return fewest;
  }

  private static Duration resetAfter(String reset, Clock clock) {
    String value = reset.strip();
    if (!SECONDS.matcher(value).matches()) {
      return null;
    }
    double seconds = Double.parseDouble(value);
    Duration after;
    if (seconds >= EPOCH_MILLIS_FROM) {
      after = Duration.between(clock.instant(), Instant.ofEpochMilli((long) seconds));
    } else if (seconds >= EPOCH_SECONDS_FROM) {
      after = Duration.between(clock.instant(), Instant.ofEpochSecond((long) seconds));
    } else {
      after = Duration.ofNanos((long) (seconds * 1e9));
    }
    return after.isNegative() ? Duration.ZERO : after;
  }
}
