package ai.sendpilot.sql.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CountDownLatch;

/** Runs the inbox simulator standalone until the process is killed. */
public final class SimulatorMain {
  static final String USAGE = "usage: SimulatorMain [--port N] [--conversations N] [--seed N]"
      + " [--api-key KEY] [--latency-ms N] [--ties-percent N]"
      + " [--rate-limit REQUESTS_PER_SECOND] [--rate-limit-headers true|false]"
      + " [--newest-activity ISO_INSTANT]";

  private SimulatorMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    SimulatorConfig config;
    try {
      config = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    InboxSimulator simulator = new InboxSimulator(config).start();
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "inbox-simulator-stop"));
    System.out.println("SendPilot inbox simulator at " + simulator.baseUrl() + " (X-API-Key: "
        + simulator.apiKey() + ", " + config.conversationCount() + " conversations, seed "
        + config.seed() + (config.rateLimit() == 0 ? "" : ", " + config.rateLimit()
            + " requests/s") + ")");
    new CountDownLatch(1).await();
  }

  /**
   * Parses the flags into a config whose port defaults to 8080.
   *
   * @throws IllegalArgumentException on an unknown flag, a missing value or a bad number
   */
  static SimulatorConfig parse(String[] args) {
    SimulatorConfig.Builder builder = SimulatorConfig.builder().port(8080);
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + flag);
      }
      String value = args[i + 1];
      switch (flag) {
        case "--port" -> builder.port(number(flag, value));
        case "--conversations" -> builder.conversations(number(flag, value));
        case "--seed" -> builder.seed(longNumber(flag, value));
        case "--api-key" -> builder.apiKey(value);
        case "--latency-ms" -> builder.latency(Duration.ofMillis(number(flag, value)));
        case "--ties-percent" -> builder.tiesPercent(number(flag, value));
        case "--rate-limit" -> builder.rateLimit(number(flag, value));
        case "--rate-limit-headers" -> builder.rateLimitHeaders(bool(flag, value));
        case "--newest-activity" -> builder.newestActivity(instant(flag, value));
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    return builder.build();
  }

  private static Instant instant(String flag, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(flag + " needs an ISO instant such as"
          + " 2026-11-01T12:00:00Z, got " + value, e);
    }
  }

  private static boolean bool(String flag, String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(flag + " needs true or false, got " + value);
    }
    return value.equals("true");
  }

  private static int number(String flag, String value) {
    long n = longNumber(flag, value);
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(flag + " out of range: " + value);
    }
    return (int) n;
  }

  private static long longNumber(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number, got " + value, e);
    }
  }
}
