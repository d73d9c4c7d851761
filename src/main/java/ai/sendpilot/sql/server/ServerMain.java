package ai.sendpilot.sql.server;

import ai.sendpilot.sql.adapter.SendPilotSettings;
import ai.sendpilot.sql.pgwire.PgServer;
import java.sql.SQLException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code ./sendpilot-server}: parses the command line and runs the team server until killed. */
public final class ServerMain {
  private static final String LOG_PREFIX = "org.slf4j.simpleLogger.";

  private ServerMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    configureLogging();
    ServerOptions options = new ServerOptions();
    CommandLine commandLine = new CommandLine(options);
    ServerConfig config;
    PgListen pgListen;
    try {
      commandLine.parseArgs(args);
      if (commandLine.isUsageHelpRequested()) {
        commandLine.usage(System.out);
        return;
      }
      if (commandLine.isVersionHelpRequested()) {
        commandLine.printVersionHelp(System.out);
        return;
      }
      config = options.toConfig();
      pgListen = options.pgListen();
    } catch (ParameterException | IllegalArgumentException e) {
      fail(e.getMessage() + "\nRun ./sendpilot-server --help for the options.");
      return;
    }
    Map<String, String> env = System.getenv();
    TeamServer server;
    try {
      server = TeamServer.start(config, pgListen, env);
    } catch (IllegalArgumentException | SQLException e) {
      fail(e.getMessage());
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sendpilot-server-stop"));
    if (server.servesDemo()) {
      System.err.println(SendPilotSettings.from(config.settings(), env).hasApiKey()
          ? "demo=true: serving the built-in demo inbox (synthetic data)."
          : "SENDPILOT_API_KEY is not set: serving the built-in demo inbox (synthetic data)."
              + " Set SENDPILOT_API_KEY or --set apiKeyFile=FILE to serve your workspace.");
    }
    System.err.println("SendPilot team server at " + server.url() + " ("
        + (config.auth() == Auth.NONE ? "no authentication" : config.auth() + " authentication")
        + "). Connect with jdbc:avatica:remote:url=" + server.url() + ";serialization=protobuf");
    if (server.pgPort() > 0) {
      System.err.println("PostgreSQL clients: host " + config.bind().getHostAddress() + " port "
          + server.pgPort() + ", any database name (psql -h " + config.bind().getHostAddress()
          + " -p " + server.pgPort() + " -U USER sendpilot)");
    }
    server.join();
  }

  /** The server's own log (a line per query) at INFO on stderr, everything else at WARN. */
  private static void configureLogging() {
    setIfAbsent(LOG_PREFIX + "defaultLogLevel", "warn");
    setIfAbsent(LOG_PREFIX + "log." + ServerMain.class.getPackageName(), "info");
    setIfAbsent(LOG_PREFIX + "log." + PgServer.class.getPackageName(), "info");
    setIfAbsent(LOG_PREFIX + "showDateTime", "true");
    setIfAbsent(LOG_PREFIX + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  }

  private static void setIfAbsent(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  private static void fail(String message) {
    System.err.println("error: " + message);
    System.exit(2);
  }
}
