package ai.sendpilot.sql.server;

/**
 * The authenticated user of the HTTP request the current thread serves: Avatica runs every
 * call of a request on the thread that received it, so the meta data layer learns the user
 * here rather than from the client's connection properties, which the client chooses.
 */
final class RequestUser {
  /** The user of a server started with {@code --no-auth}. */
  static final String ANONYMOUS = "anonymous";

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private RequestUser() {
  }

  /** Makes {@code user} (null: anonymous) current until the returned scope is closed. */
  static Scope enter(String user) {
    CURRENT.set(user == null ? ANONYMOUS : user);
    return CURRENT::remove;
  }

  /** The current request's user, or {@link #ANONYMOUS}. */
  static String current() {
    String user = CURRENT.get();
    return user == null ? ANONYMOUS : user;
  }

  /** Ends a request's user. */
  interface Scope extends AutoCloseable {
    @Override void close();
  }
}
