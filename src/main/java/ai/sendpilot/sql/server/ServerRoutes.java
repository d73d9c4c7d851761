package ai.sendpilot.sql.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The server's HTTP routes. {@code GET}/{@code HEAD /health} are open to all and every other
 * method there answers 405; everything else needs a login (Jetty's security handler, in front,
 * answers 401 before a body is read, and this class refuses again should a request arrive
 * without one): {@code GET}/{@code HEAD /metrics}, and {@code POST} to any other path for
 * Avatica's protobuf calls, run as the request's user with a body of at most
 * {@code maxRequestBytes} (413 otherwise, before more is read). Other methods answer 405.
 */
final class ServerRoutes extends AbstractHandler implements AvaticaHandler {
  static final String HEALTH = "/health";
  static final String METRICS = "/metrics";
  private static final int CHUNK = 8192;

  private final ProtobufCalls calls;
  private final ServerMetrics metrics;
  private final LongSupplier openConnections;
  private final boolean loginRequired;
  private final long maxRequestBytes;

  ServerRoutes(ProtobufCalls calls, ServerMetrics metrics, LongSupplier openConnections,
      boolean loginRequired, long maxRequestBytes) {
    this.calls = calls;
    this.metrics = metrics;
    this.openConnections = openConnections;
    this.loginRequired = loginRequired;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    baseRequest.setHandled(true);
    String method = request.getMethod();
    boolean read = "GET".equals(method) || "HEAD".equals(method);
    if (HEALTH.equals(target)) {
      if (read) {
        reply(response, "{\"status\":\"ok\"}");
      } else {
        refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "GET, HEAD");
      }
      return;
    }
    if (loginRequired && request.getRemoteUser() == null) {
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, null);
      return;
    }
    if (METRICS.equals(target)) {
      if (read) {
        reply(response, metrics.json(openConnections.getAsLong()));
      } else {
        refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "GET, HEAD");
      }
      return;
    }
    if (!"POST".equals(method)) {
      refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "POST");
      return;
    }
    byte[] body = body(request);
    if (body == null) {
      refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, null);
      return;
    }
    ProtobufCalls.Answer answer;
    ClientLink link;
    try (RequestUser.Scope user = RequestUser.enter(request.getRemoteUser());
         RequestUser.Scope client = ClientLink.enter(baseRequest.getHttpChannel().getEndPoint())) {
      link = ClientLink.current();
      try {
        answer = calls.call(body);
      } finally {
        if (link != null) {
          link.finish();
        }
      }
    }
    if (link != null && link.sentStrayBytes()) {
      response.setHeader("Connection", "close");
    }
    response.setStatus(answer.status());
    response.setContentType("application/octet-stream");
    response.setContentLength(answer.body().length);
    response.getOutputStream().write(answer.body());
  }

  /** The request's body, or null when it is larger than allowed (then no more is read). */
  private byte[] body(HttpServletRequest request) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxRequestBytes) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : CHUNK);
    byte[] chunk = new byte[CHUNK];
    long total = 0;
    InputStream in = request.getInputStream();
    for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
      total += n;
      if (total > maxRequestBytes) {
        return null;
      }
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  @Override public void setServerRpcMetadata(RpcMetadataResponse metadata) {
    calls.setRpcMetadata(metadata);
  }

  private static void refuse(HttpServletResponse response, int status, String allow) {
    response.setStatus(status);
    if (allow != null) {
      response.setHeader("Allow", allow);
    }
    // A body, if any, is not read: the connection cannot carry another request.
    response.setHeader("Connection", "close");
    response.setContentLength(0);
  }

  private static void reply(HttpServletResponse response, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json;charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
