package ai.sendpilot.sql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.config.SendPilotProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The command line of ./sendpilot-server: defaults, checks and their messages. */
class ServerOptionsTest {
  @TempDir Path dir;

  private static ServerConfig parse(String... args) {
    ServerOptions options = new ServerOptions();
    new CommandLine(options).parseArgs(args);
    return options.toConfig();
  }

  private static String error(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> parse(args)).getMessage();
  }

  @Test void defaultsListenOnLoopbackPort8765() throws Exception {
    ServerConfig config = parse("--users", TestServers.usersFile(dir).toString());
    assertEquals("127.0.0.1", config.bind().getHostAddress());
    assertEquals(8765, config.port());
    assertEquals(Auth.BASIC, config.auth());
    assertNull(config.tls());
    assertEquals(new SessionLimits(10, 100, Duration.ofMinutes(10)), config.limits());
    assertEquals(new RequestLimits(16 * 1024 * 1024, Duration.ofSeconds(30), 512,
        Duration.ofSeconds(300)), config.requests());
  }

  @Test void everyOptionIsRead() throws Exception {
    Path password = dir.resolve("pw");
    Files.writeString(password, "changeit\n");
    Path keystore = Files.writeString(dir.resolve("ks.p12"), "not read here");
    ServerConfig config = parse("--port", "9000", "--bind", "::1", "--no-auth",
        "--keystore", keystore.toString(), "--keystore-password-file", password.toString(),
        "--set", "requestsPerSecond=5", "--set", "pageCacheTtlMs=60000",
        "--max-connections-per-user", "3", "--max-statements-per-connection", "7",
        "--idle-timeout-s", "30", "--max-request-bytes", "65536", "--read-timeout-s", "5",
        "--max-http-connections", "64", "--query-timeout-s", "0");
    assertEquals(9000, config.port());
    assertEquals(Auth.NONE, config.auth());
    assertEquals("changeit", config.tls().password());
    assertTrue(!config.tls().toString().contains("changeit"));
    assertEquals(Map.of("requestsPerSecond", "5", "pageCacheTtlMs", "60000"), config.settings());
    assertEquals(new SessionLimits(3, 7, Duration.ofSeconds(30)), config.limits());
    assertEquals(new RequestLimits(65_536, Duration.ofSeconds(5), 64, Duration.ZERO),
        config.requests());
  }

  @Test void requestLimitsAreChecked() throws Exception {
    String users = TestServers.usersFile(dir).toString();
    assertEquals("--max-request-bytes must be at least 1024, got 10",
        error("--users", users, "--max-request-bytes", "10"));
    assertEquals("--read-timeout-s must be at least 1",
        error("--users", users, "--read-timeout-s", "0"));
    assertEquals("--query-timeout-s must be 0 (none) or more",
        error("--users", users, "--query-timeout-s", "-1"));
  }

  @Test void someoneMustBeAskedForAPasswordUnlessOnLoopback() throws Exception {
    assertEquals("give --users FILE (or --no-auth on a loopback --bind)", error());
    assertTrue(error("--no-auth", "--bind", "0.0.0.0")
        .startsWith("--no-auth is only allowed on a loopback address"));
    assertEquals("give either --users FILE or --no-auth, not both",
        error("--no-auth", "--users", TestServers.usersFile(dir).toString()));
  }

  @Test void settingsAreCheckedLikeTheDriversOwn() {
    assertEquals("Setting pageSize must be between 1 and 100, got 500",
        error("--no-auth", "--set", "pageSize=500"));
    assertEquals(assertThrows(IllegalArgumentException.class,
            () -> SendPilotProperty.MAX_ATTEMPTS.parse("many")).getMessage(),
        error("--no-auth", "--set", "maxAttempts=many"));
    assertTrue(error("--no-auth", "--set", "pageSise=5")
        .startsWith("unknown setting 'pageSise'; settings are: apiKey, apiKeyFile"));
    assertTrue(error("--no-auth", "--set", "apiKey=k").startsWith(
        "do not give the API key on the command line: set SENDPILOT_API_KEY"));
  }

  @Test void usersFilesAreCheckedBeforeJettyReadsThem() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "# nobody\n");
    assertTrue(error("--users", empty.toString()).contains("names no user"));
    Path noPassword = Files.writeString(dir.resolve("nopw"), "alice:\n");
    assertTrue(error("--users", noPassword.toString()).contains("gives user 'alice' no password"));
    assertTrue(error("--users", dir.resolve("missing").toString())
        .startsWith("cannot read the users file"));
  }

  @Test void tlsOptionsGoTogether() throws Exception {
    Path keystore = Files.writeString(dir.resolve("ks.p12"), "x");
    assertEquals("--keystore and --keystore-password-file go together",
        error("--no-auth", "--keystore", keystore.toString()));
  }

  @Test void malformedOptionsAreParameterErrors() {
    assertThrows(ParameterException.class, () -> parse("--port", "eighty"));
    assertThrows(ParameterException.class, () -> parse("--set", "novalue"));
    assertThrows(ParameterException.class, () -> parse("--frobnicate"));
  }
}
