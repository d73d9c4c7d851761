package ai.sendpilot.sql.server;

import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Answers the errors Jetty raises itself with the status and nothing else: no page naming the
 * server or echoing the request. A wrong login on an Avatica call is the exception: Avatica's
 * client shows nothing of a 401 but its number, so such a call gets Avatica's own error answer
 * (SQLState {@code 28000}, "wrong user name or password"); a call without credentials still
 * gets the 401 challenge the client answers.
 */
final class QuietErrorHandler extends ErrorHandler {
  private static final String AVATICA_BODY = "application/octet-stream";

  private final ProtobufCalls calls;

  QuietErrorHandler(ProtobufCalls calls) {
    this.calls = calls;
  }

  @Override protected void generateAcceptableResponse(Request baseRequest,
      HttpServletRequest request, HttpServletResponse response, int code, String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setHeader(HttpHeader.CONNECTION.asString(), "close");
    if (code == HttpServletResponse.SC_UNAUTHORIZED && wrongLoginOnAvaticaCall(request,
        response)) {
      ProtobufCalls.Answer answer = calls.error(RemoteErrors.refusal("Wrong user name or"
          + " password for the SendPilot server", RemoteErrors.BAD_LOGIN));
      response.setStatus(answer.status());
      response.setContentType(AVATICA_BODY);
      response.setContentLength(answer.body().length);
      response.getOutputStream().write(answer.body());
    }
  }

  private static boolean wrongLoginOnAvaticaCall(HttpServletRequest request,
      HttpServletResponse response) {
    String challenge = response.getHeader(HttpHeader.WWW_AUTHENTICATE.asString());
    String type = request.getContentType();
    return "POST".equals(request.getMethod())
        && request.getHeader(HttpHeader.AUTHORIZATION.asString()) != null
        && (challenge == null || !challenge.contains("stale=true"))
        && type != null && type.startsWith(AVATICA_BODY);
  }
}
