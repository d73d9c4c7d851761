package ai.sendpilot.sql.client;

import java.io.IOException;
import java.net.ProtocolException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Lets OkHttp follow a redirect only within the API's origin (same scheme, host and port): a
 * redirect anywhere else fails the call before it is followed, so that no other server's
 * answer is ever read as the inbox.
 */
final class RedirectGuard implements Interceptor {
  private final HttpUrl origin;

  RedirectGuard(HttpUrl origin) {
    this.origin = origin;
  }

  /** Whether {@code url} is on the API's origin. */
  static boolean sameOrigin(HttpUrl origin, HttpUrl url) {
    return url.scheme().equals(origin.scheme()) && url.host().equals(origin.host())
        && url.port() == origin.port();
  }

  @Override public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    String location = response.isRedirect() ? response.header("Location") : null;
    HttpUrl target = location == null ? null : response.request().url().resolve(location);
    if (target != null && !sameOrigin(origin, target)) {
      response.close();
      throw new RefusedRedirect(response.code(), target);
    }
    return response;
  }

  /**
   * A redirect to another origin, refused. A {@link ProtocolException}, so that OkHttp does not
   * try the call again on its own.
   */
  static final class RefusedRedirect extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient HttpUrl target;

    RefusedRedirect(int status, HttpUrl target) {
      super("HTTP " + status + " redirect to another origin refused");
      this.status = status;
      this.target = target;
    }

    int status() {
      return status;
    }

    HttpUrl target() {
      return target;
    }
  }
}
