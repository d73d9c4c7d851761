package ai.sendpilot.sql.server;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Answers the errors Jetty raises itself, such as the 401 for a wrong password, with the status
 * and nothing else: no page naming the server or echoing the request.
 */
final class QuietErrorHandler extends ErrorHandler {
  @Override protected void generateAcceptableResponse(Request baseRequest,
      HttpServletRequest request, HttpServletResponse response, int code, String message) {
    baseRequest.setHandled(true);
  }
}
