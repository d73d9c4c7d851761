package ai.sendpilot.sql.scan;

/**
 * What one query may take: time once executing and memory for a value or the rows it holds.
 *
 * @param timeoutMillis the longest a query may run, 0 for no limit (a statement's own query
 *     timeout takes precedence)
 * @param memoryBytes the most memory a value or the rows held by a query may take
 * @param memorySetting how the memory budget was chosen, for messages
 */
public record QueryLimits(long timeoutMillis, long memoryBytes, String memorySetting) {
  /** The share of the JVM's maximum heap one query may take unless configured. */
  public static final int HEAP_FRACTION = 4;

  /** Limits of {@code timeoutMillis} and {@code memoryMegabytes} (null: a share of the heap). */
  public static QueryLimits of(long timeoutMillis, Integer memoryMegabytes) {
    if (memoryMegabytes == null) {
      long heap = Runtime.getRuntime().maxMemory();
      return new QueryLimits(timeoutMillis, heap / HEAP_FRACTION,
          "maxQueryMemoryMb, unset: a quarter of the " + heap / (1024 * 1024) + " MiB heap");
    }
    return new QueryLimits(timeoutMillis, memoryMegabytes * 1024L * 1024L, "maxQueryMemoryMb");
  }

  /** The budget in whole MiB, for messages. */
  public long memoryMegabytes() {
    return memoryBytes / (1024 * 1024);
  }
}
