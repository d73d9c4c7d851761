package ai.sendpilot.sql.client;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pace of one key's requests, learned from the API's answers (AIMD). Requests are not paced
 * until the API pushes back; a {@code 429} cuts the rate to {@link #DECREASE} of what it was
 * (multiplicative decrease), and it then grows back by a constant step each second (additive
 * increase) until pacing stops. A {@code Retry-After}, or a quota the API's {@code RateLimit}
 * headers say is used up, holds every request until it passes. An explicit cap
 * ({@code requestsPerSecond}) always applies. While nothing holds requests back, taking a turn
 * reads one volatile flag.
 */
final class AdaptiveRateLimit {
  /** The share of the rate a cut keeps. */
  static final double DECREASE = 0.8;
  /** After a cut, the rate grows each second by this share of the rate before the cut. */
  static final double GROWTH_PER_SECOND = 0.1;
  /** Pacing stops once the rate has grown to this multiple of the rate before the last cut. */
  static final double RELEASE = 2;
  /** The slowest pace a cut leads to, in requests per second. */
  static final double MIN_RATE = 0.1;

  /** The client's logger: log settings name the client, not its parts. */
  private static final Logger LOG = LoggerFactory.getLogger(SendPilotClient.class);
  private static final long SECOND = 1_000_000_000L;
  /** No pause is taken longer than this, whatever the API says. */
  private static final Duration LONGEST_PAUSE = Duration.ofDays(1);
  private static final int UNKNOWN_QUOTA = Integer.MAX_VALUE;

  private final double cap;
  private final long maxWait;
  private final LongSupplier clock;
  private final RecentTimes accepted = new RecentTimes(64);
  /** Attempts sent and not yet ended. */
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Nothing holds a request back: no cap, no cut, no pause, no known quota. */
  private volatile boolean free;

  // Guarded by this.
  private boolean paced;
  /** The rate before the last cut. */
  private double ceiling;
  /** The rate right after the last cut. */
  private double cutRate;
  private long cutAt;
  private long nextTurn;
  private long pausedUntil;
  /** What is left of the API's quota, in requests, counting those sent since it said so. */
  private int quotaLeft = UNKNOWN_QUOTA;
  private long quotaResetAt;

  /**
   * A limit without pacing until the API pushes back.
   *
   * @param cap the most requests per second ever allowed; infinite for no cap
   * @param maxWait the longest wait for a turn; a longer one is refused
   * @param clock nanoseconds, as {@link System#nanoTime}
   */
  AdaptiveRateLimit(double cap, Duration maxWait, LongSupplier clock) {
    this.cap = cap;
    this.maxWait = maxWait.toNanos();
    this.clock = clock;
    long now = clock.getAsLong();
    this.nextTurn = now;
    this.pausedUntil = now;
    this.quotaResetAt = now;
    this.free = Double.isInfinite(cap);
  }

  /**
   * Takes the next turn to send a request: returns how long to wait for it in nanoseconds (0: go
   * now), or -1 when that would be longer than the longest wait, and no turn is taken.
   */
  long reserve() {
    if (free) {
      return 0;
    }
    synchronized (this) {
      long now = clock.getAsLong();
      long at = later(now, later(nextTurn, pausedUntil));
      if (quotaLeft <= 0 && quotaResetAt - at > 0) {
        at = quotaResetAt;
      }
      if (at - now > maxWait) {
        return -1;
      }
      double rate = rate(now);
      nextTurn = Double.isInfinite(rate) ? at : at + (long) (SECOND / rate);
      if (quotaLeft != UNKNOWN_QUOTA) {
        // Once the quota is reset, what is left is unknown until the API says again.
        quotaLeft = quotaResetAt - at <= 0 ? UNKNOWN_QUOTA : quotaLeft - 1;
      }
      free = isFree(now);
      return at - now;
    }
  }

  /**
   * How much longer a pause holds requests back, in nanoseconds: a turn taken before the API
   * asked for the pause waits for it too.
   */
  synchronized long pausedFor() {
    long now = clock.getAsLong();
    long until = quotaLeft <= 0 ? later(pausedUntil, quotaResetAt) : pausedUntil;
    return Math.max(0, until - now);
  }

  /** Sends an attempt with {@code send}, counting it in flight until it ends. */
  <T> CompletableFuture<T> sending(Supplier<CompletableFuture<T>> send) {
    inFlight.incrementAndGet();
    CompletableFuture<T> attempt;
    try {
      attempt = send.get();
    } catch (RuntimeException | Error e) {
      inFlight.decrementAndGet();
      throw e;
    }
    attempt.whenComplete((ignored, failure) -> inFlight.decrementAndGet());
    return attempt;
  }

  /**
   * Learns from an answer of the API to an attempt sent through {@link #sending}.
   *
   * @param sentAt when the attempt was sent, by this limit's clock
   * @param throttled whether the API answered {@code 429}
   * @param retryAfter the wait the API asked for, or null
   * @param quota what the API's rate limit headers said, or null
   */
  void answered(long sentAt, boolean throttled, Duration retryAfter, RateLimitHeaders quota) {
    long now = clock.getAsLong();
    if (!throttled) {
      accepted.add(now);
      if (retryAfter == null && quota == null) {
        return;
      }
    }
    synchronized (this) {
      if (retryAfter != null) {
        pausedUntil = later(pausedUntil, now + nanos(retryAfter));
      }
      if (quota != null) {
        long others = Math.max(0, inFlight.get() - 1);
        quotaLeft = (int) Math.max(Integer.MIN_VALUE,
            Math.min(UNKNOWN_QUOTA - 1, quota.remaining() - others));
        quotaResetAt = now + nanos(quota.resetAfter());
      }
      // A 429 to a request sent before the last cut says nothing of the rate since the cut.
      if (throttled && !(paced && cutAt - sentAt > 0)) {
        cut(now);
      }
      free = isFree(now);
    }
  }

  /** The current rate in requests per second; infinite when nothing paces requests. */
  synchronized double rate() {
    return rate(clock.getAsLong());
  }

  private void cut(long now) {
    double current = rate(now);
    double before = paced ? current : Math.min(current, Math.max(1, accepted.perSecond(now)));
    ceiling = before;
    cutRate = Math.max(MIN_RATE, DECREASE * before);
    cutAt = now;
    paced = true;
    LOG.info("The SendPilot API answered 429 (too many requests): pacing this key's requests at"
        + " {} requests/s, growing by {} each second", format(cutRate),
        format(GROWTH_PER_SECOND * ceiling));
  }

  /** The rate at {@code now}; ends pacing once it has grown back far enough. */
  private double rate(long now) {
    if (paced) {
      double grown = cutRate + GROWTH_PER_SECOND * ceiling * (now - cutAt) / SECOND;
      if (grown < RELEASE * ceiling) {
        return Math.min(cap, grown);
      }
      paced = false;
      LOG.debug("No 429 for a while: no longer pacing this key's requests");
    }
    return cap;
  }

  private boolean isFree(long now) {
    return Double.isInfinite(cap) && !paced && pausedUntil - now <= 0
        && quotaLeft == UNKNOWN_QUOTA;
  }

  private static long later(long a, long b) {
    return a - b >= 0 ? a : b;
  }

  private static long nanos(Duration d) {
    return (d.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : d).toNanos();
  }

  private static String format(double rate) {
    return String.format(Locale.ROOT, "%.2f", rate);
  }

  /** The times of the last few events, kept without a lock. */
  private static final class RecentTimes {
    private final AtomicLongArray times;
    private final AtomicLong added = new AtomicLong();

    RecentTimes(int size) {
      times = new AtomicLongArray(size);
    }

    void add(long now) {
      times.set((int) (added.getAndIncrement() % times.length()), now);
    }

    /** Events per second over the last second (over the kept ones, when all are that recent). */
    double perSecond(long now) {
      int kept = (int) Math.min(added.get(), times.length());
      int recent = 0;
      long oldest = now;
      for (int i = 0; i < kept; i++) {
        long t = times.get(i);
        if (now - t < SECOND) {
          recent++;
          oldest = t - oldest < 0 ? t : oldest;
        }
      }
      if (recent < times.length() || now - oldest <= 0) {
        return recent;
      }
      return (double) recent * SECOND / (now - oldest);
    }
  }
}
