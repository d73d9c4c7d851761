package ai.sendpilot.sql.server;

import ai.sendpilot.sql.config.SendPilotProperty;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of {@code ./sendpilot-server}, as picocli fills it in. */
@Command(name = "sendpilot-server", mixinStandardHelpOptions = true, sortOptions = false,
    version = "sendpilot-server 0.1.0",
    description = {"Serves the SendPilot inbox (and an optional CRM model) to many SQL clients"
        + " over HTTP with Avatica: one page cache and one API budget for everyone.",
        "The API key comes from SENDPILOT_API_KEY or --set apiKeyFile=FILE; without one the"
            + " built-in demo inbox is served."})
final class ServerOptions {
  @Option(names = "--port", defaultValue = "8765", description = "TCP port (default: 8765)")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "address to listen on (default: 127.0.0.1; 0.0.0.0 for every interface)")
  String bind;

  @Option(names = "--pg-port", defaultValue = "5433", paramLabel = "N",
      description = "PostgreSQL protocol port on the same address (default: 5433; 0: off)")
  int pgPort;

  @Option(names = "--pg-max-connections", defaultValue = "200", paramLabel = "N",
      description = "PostgreSQL sessions in all (default: 200)")
  int pgMaxConnections;

  @Option(names = "--users", paramLabel = "FILE",
      description = "users allowed in, one 'user: password' line each (Jetty's format)")
  Path users;

  @Option(names = "--auth", defaultValue = "basic", paramLabel = "basic|digest",
      description = "HTTP authentication with the users file (default: basic)")
  String auth;

  @Option(names = "--no-auth",
      description = "let anyone connect; only with a loopback --bind")
  boolean noAuth;

  @Option(names = "--keystore", paramLabel = "FILE",
      description = "serve HTTPS with this keystore (PKCS12 or JKS)")
  Path keystore;

  @Option(names = "--keystore-password-file", paramLabel = "FILE",
      description = "file holding the keystore's password")
  Path keystorePasswordFile;

  @Option(names = "--model", paramLabel = "FILE",
      description = "a Calcite model whose schemas sit beside sendpilot (e.g. your CRM)")
  Path model;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "a driver setting for every connection, e.g. --set requestsPerSecond=5")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--max-connections-per-user", defaultValue = "10", paramLabel = "N",
      description = "open connections per user (default: 10)")
  int maxConnectionsPerUser;

  @Option(names = "--max-statements-per-connection", defaultValue = "100", paramLabel = "N",
      description = "open statements per connection (default: 100)")
  int maxStatementsPerConnection;

  @Option(names = "--idle-timeout-s", defaultValue = "600", paramLabel = "SECONDS",
      description = "close connections and statements unused this long (default: 600)")
  int idleTimeoutSeconds;

  @Option(names = "--max-request-bytes", defaultValue = "16777216", paramLabel = "N",
      description = "largest request body; a larger one gets 413 (default: 16777216)")
  long maxRequestBytes;

  @Option(names = "--read-timeout-s", defaultValue = "30", paramLabel = "SECONDS",
      description = "time a request's headers and body may take to arrive, and a connection"
          + " may stay silent (default: 30)")
  int readTimeoutSeconds;

  @Option(names = "--max-http-connections", defaultValue = "512", paramLabel = "N",
      description = "open HTTP connections at once; more wait to be accepted (default: 512)")
  int maxHttpConnections;

  @Option(names = "--query-timeout-s", defaultValue = "300", paramLabel = "SECONDS",
      description = "end any query running longer, SQLState 57014; 0: no limit (default: 300)")
  int queryTimeoutSeconds;

  /**
   * The options, checked.
   *
   * @throws IllegalArgumentException saying which option is wrong and what to give instead
   */
  ServerConfig toConfig() {
    InetAddress address = address(bind);
    Auth chosen = noAuth ? Auth.NONE : authentication(auth);
    if (noAuth && users != null) {
      throw new IllegalArgumentException("give either --users FILE or --no-auth, not both");
    }
    if (!noAuth && users == null) {
      throw new IllegalArgumentException("give --users FILE (or --no-auth on a loopback --bind)");
    }
    if (users != null) {
      UsersFile.check(users);
    }
    if (model != null && !Files.isReadable(model)) {
      throw new IllegalArgumentException("cannot read the model file " + model);
    }
    return new ServerConfig(address, port, chosen, absolute(users), tls(),
        absolute(model), checkedSettings(settings),
        new SessionLimits(maxConnectionsPerUser, maxStatementsPerConnection,
            Duration.ofSeconds(idleTimeoutSeconds)),
        new RequestLimits(maxRequestBytes, Duration.ofSeconds(readTimeoutSeconds),
            maxHttpConnections, Duration.ofSeconds(queryTimeoutSeconds)));
  }

  /** The PostgreSQL endpoint's port and cap, or null when {@code --pg-port 0} turns it off. */
  PgListen pgListen() {
    return pgPort == 0 ? null : new PgListen(pgPort, pgMaxConnections);
  }

  private Tls tls() {
    if (keystore == null && keystorePasswordFile == null) {
      return null;
    }
    if (keystore == null || keystorePasswordFile == null) {
      throw new IllegalArgumentException(
          "--keystore and --keystore-password-file go together");
    }
    if (!Files.isReadable(keystore)) {
      throw new IllegalArgumentException("cannot read the keystore " + keystore);
    }
    try {
      String password =
          Files.readString(keystorePasswordFile, StandardCharsets.UTF_8).strip();
      return new Tls(keystore.toAbsolutePath(), password);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the keystore password file "
          + keystorePasswordFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * The settings, each a declared {@link SendPilotProperty} with a value of its type; the key
   * itself is refused, as a command line is visible to every user of the machine.
   */
  static Map<String, String> checkedSettings(Map<String, String> given) {
    for (Map.Entry<String, String> setting : given.entrySet()) {
      SendPilotProperty property = SendPilotProperty.of(setting.getKey())
          .orElseThrow(() -> new IllegalArgumentException("unknown setting '" + setting.getKey()
              + "'; settings are: " + Arrays.stream(SendPilotProperty.values())
                  .map(SendPilotProperty::camelName).collect(Collectors.joining(", "))));
      if (property == SendPilotProperty.API_KEY) {
        throw new IllegalArgumentException("do not give the API key on the command line: set "
            + SendPilotProperty.API_KEY_ENV.defaultValue() + " or --set "
            + SendPilotProperty.API_KEY_FILE.camelName() + "=FILE");
      }
      property.parse(setting.getValue());
    }
    return given;
  }

  private static Auth authentication(String name) {
    return switch (name) {
      case "basic" -> Auth.BASIC;
      case "digest" -> Auth.DIGEST;
      default -> throw new IllegalArgumentException("--auth must be basic or digest, got '"
          + name + "'");
    };
  }

  private static InetAddress address(String name) {
    try {
      return InetAddress.getByName(name);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind: unknown address '" + name + "'", e);
    }
  }

  private static Path absolute(Path path) {
    return path == null ? null : path.toAbsolutePath();
  }
}
