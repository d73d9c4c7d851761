package ai.sendpilot.sql.client;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the {@code X-API-Key} header to requests for the configured API origin only: should a
 * request to any other host, port or scheme ever go out, it goes without the key.
 */
final class ApiKeyInterceptor implements Interceptor {
  static final String HEADER = "X-API-Key";

  private final HttpUrl origin;
  private final ApiKey apiKey;

  ApiKeyInterceptor(HttpUrl origin, ApiKey apiKey) {
    this.origin = origin;
    this.apiKey = apiKey;
  }

  @Override public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpUrl url = request.url();
    Request.Builder builder = request.newBuilder().removeHeader(HEADER);
    if (RedirectGuard.sameOrigin(origin, url)) {
      builder.header(HEADER, apiKey.reveal());
    }
    return chain.proceed(builder.build());
  }
}
