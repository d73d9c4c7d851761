package ai.sendpilot.sql.adapter;

/** Looks through a failure's chain of causes. */
public final class Causes {
  private Causes() {
  }

  /** The first throwable of {@code type} in the chain of {@code t}, or null. */
  public static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable current = t; current != null; current = current.getCause()) {
      if (type.isInstance(current)) {
        return type.cast(current);
      }
      if (current.getCause() == current) {
        break;
      }
    }
    return null;
  }
}
