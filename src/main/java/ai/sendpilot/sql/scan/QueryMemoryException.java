package ai.sendpilot.sql.scan;

/** A query would take more memory than its budget ({@code maxQueryMemoryMb}). */
public final class QueryMemoryException extends RuntimeException {
  public QueryMemoryException(String message) {
    super(message);
  }

  /** A value of about {@code bytes} that {@code what} would make exceeds {@code limits}. */
  public static QueryMemoryException value(String what, long bytes, QueryLimits limits) {
    return new QueryMemoryException("The query would make a value larger than its memory budget"
        + " of " + limits.memoryMegabytes() + " MiB (" + limits.memorySetting() + "): " + what
        + " of about " + bytes / (1024 * 1024) + " MiB. Make the value smaller, or raise"
        + " maxQueryMemoryMb.");
  }

  /** The rows a query holds ({@code rows} so far, about {@code bytes}) exceed {@code limits}. */
  public static QueryMemoryException rows(long rows, long bytes, QueryLimits limits) {
    return new QueryMemoryException("The query holds more rows than its memory budget of "
        + limits.memoryMegabytes() + " MiB (" + limits.memorySetting() + ") allows: about "
        + bytes / (1024 * 1024) + " MiB in " + rows + " rows kept to sort, join, group into"
        + " lists or compare. Narrow it with filters or a LIMIT, or raise maxQueryMemoryMb.");
  }
}
