package ai.sendpilot.sql.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the team server is started with, checked: where it listens, how clients authenticate,
 * the driver settings every connection shares, and the limits of each session.
 *
 * @param bind the address to listen on
 * @param port the TCP port; 0 for any free one
 * @param auth how clients authenticate
 * @param usersFile {@code user: password} lines (Jetty's format); null when {@code auth} is NONE
 * @param tls the certificate for HTTPS, or null for plain HTTP
 * @param model a Calcite model whose schemas sit beside {@code sendpilot}, or null
 * @param settings driver settings by {@code SendPilotProperty} name
 * @param limits connections, statements and idle time per session
 * @param requests sizes and times of HTTP requests and queries
 */
record ServerConfig(InetAddress bind, int port, Auth auth, Path usersFile, Tls tls, Path model,
    Map<String, String> settings, SessionLimits limits, RequestLimits requests) {
  ServerConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(requests, "requests");
    settings = Map.copyOf(settings);
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be 0..65535, got " + port);
    }
    if ((auth == Auth.NONE) != (usersFile == null)) {
      throw new IllegalArgumentException("a users file goes with BASIC or DIGEST authentication");
    }
    if (auth == Auth.NONE && !bind.isLoopbackAddress()) {
      throw new IllegalArgumentException("--no-auth is only allowed on a loopback address, not "
          + bind.getHostAddress() + ": give --users FILE");
    }
  }
}
