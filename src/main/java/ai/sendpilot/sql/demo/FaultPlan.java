package ai.sendpilot.sql.demo;

/** Decides, from request and page numbers alone, which requests are faulted and how. */
final class FaultPlan {
  /** What happens to one request. */
  enum Fault { NONE, THROTTLE, SERVER_ERROR, MALFORMED }

  private final SimulatorConfig config;

  FaultPlan(SimulatorConfig config) {
    this.config = config;
  }

  /** The fault for the {@code n}-th request (1-based); throttling wins over a server error. */
  Fault forRequest(long n) {
    if (every(config.throttleEvery(), n)) {
      return Fault.THROTTLE;
    }
    if (every(config.serverErrorEvery(), n)) {
      return Fault.SERVER_ERROR;
    }
    if (config.malformedAtRequest() != 0 && n == config.malformedAtRequest()) {
      return Fault.MALFORMED;
    }
    return Fault.NONE;
  }

  /** Whether the {@code n}-th served conversations page (1-based) is served empty. */
  boolean emptyPage(long n) {
    return every(config.emptyPageEvery(), n);
  }

  private static boolean every(int period, long n) {
    return period > 0 && n % period == 0;
  }
}
