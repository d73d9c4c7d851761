package ai.sendpilot.sql.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * The server's HTTP routes: {@code GET /health} (open to all), {@code GET /metrics}, and
 * everything else to Avatica, run as the request's authenticated user.
 */
final class ServerRoutes extends HandlerWrapper implements AvaticaHandler {
  static final String HEALTH = "/health";
  static final String METRICS = "/metrics";

  private final AvaticaHandler avatica;
  private final ServerMetrics metrics;
  private final LongSupplier openConnections;

  ServerRoutes(AvaticaHandler avatica, ServerMetrics metrics, LongSupplier openConnections) {
    this.avatica = avatica;
    this.metrics = metrics;
    this.openConnections = openConnections;
    setHandler(avatica);
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    boolean get = "GET".equals(request.getMethod());
    if (get && HEALTH.equals(target)) {
      reply(baseRequest, response, "{\"status\":\"ok\"}");
    } else if (get && METRICS.equals(target)) {
      reply(baseRequest, response, metrics.json(openConnections.getAsLong()));
    } else {
      try (RequestUser.Scope user = RequestUser.enter(request.getRemoteUser())) {
        super.handle(target, baseRequest, request, response);
      }
    }
  }

  @Override public void setServerRpcMetadata(RpcMetadataResponse metadata) {
    avatica.setServerRpcMetadata(metadata);
  }

  private static void reply(Request baseRequest, HttpServletResponse response, String json)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json;charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    baseRequest.setHandled(true);
  }
}
