package ai.sendpilot.sql.client;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the {@code X-API-Key} header to requests for the configured API origin only; a
 * redirect to any other host, port or scheme goes out without the key.
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
    boolean sameOrigin = url.scheme().equals(origin.scheme()) && url.host().equals(origin.host())
        && url.port() == origin.port();
    Request.Builder builder = request.newBuilder().removeHeader(HEADER);
    if (sameOrigin) {
      builder.header(HEADER, apiKey.reveal());
    }
    return chain.proceed(builder.build());
  }
}
