package ai.sendpilot.sql.server;

import ai.sendpilot.sql.demo.InboxSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Team servers over a simulator on loopback, and remote connections to them, for tests. */
final class TestServers {
  static final String ALICE = "alice";
  static final String ALICE_PASSWORD = "wonderland";
  static final String BOB = "bob";
  static final String BOB_PASSWORD = "builder";

  private TestServers() {
  }

  static SessionLimits limits(int connectionsPerUser, int statementsPerConnection,
      Duration idle) {
    return new SessionLimits(connectionsPerUser, statementsPerConnection, idle);
  }

  static SessionLimits generousLimits() {
    return limits(50, 100, Duration.ofMinutes(10));
  }

  /** A users file with alice and bob in {@code dir}. */
  static Path usersFile(Path dir) throws IOException {
    Path users = dir.resolve("users.properties");
    Files.writeString(users, "# user: password\n" + ALICE + ": " + ALICE_PASSWORD + "\n"
        + BOB + ": " + BOB_PASSWORD + "\n", StandardCharsets.UTF_8);
    return users;
  }

  /** A server on an ephemeral loopback port reading {@code sim} with its key from the env. */
  static TeamServer start(InboxSimulator sim, Auth auth, Path usersFile, Tls tls, Path model,
      SessionLimits limits, String... settings) throws SQLException {
    return start(sim, auth, usersFile, tls, model, limits, RequestLimits.defaults(), settings);
  }

  /** A server as above with {@code requests} limits. */
  static TeamServer start(InboxSimulator sim, Auth auth, Path usersFile, Tls tls, Path model,
      SessionLimits limits, RequestLimits requests, String... settings) throws SQLException {
    Map<String, String> all = new HashMap<>();
    all.put("baseUrl", sim.baseUrl());
    for (String setting : settings) {
      String[] nameValue = setting.split("=", 2);
      all.put(nameValue[0], nameValue[1]);
    }
    ServerConfig config = new ServerConfig(InetAddress.getLoopbackAddress(), 0, auth,
        usersFile, tls, model, all, limits, requests);
    return TeamServer.start(config, Map.of("SENDPILOT_API_KEY", sim.apiKey()));
  }

  static TeamServer startOpen(InboxSimulator sim, String... settings) throws SQLException {
    return start(sim, Auth.NONE, null, null, null, generousLimits(), settings);
  }

  /** The thin client's URL for {@code server}, with a login when {@code user} is not null. */
  static String url(TeamServer server, String user, String password) {
    String url = "jdbc:avatica:remote:url=" + server.url() + ";serialization=protobuf";
    return user == null ? url
        : url + ";authentication=BASIC;avatica_user=" + user + ";avatica_password=" + password;
  }

  static Connection remote(TeamServer server) throws SQLException {
    return DriverManager.getConnection(url(server, null, null));
  }

  static Connection remote(TeamServer server, String user, String password)
      throws SQLException {
    return DriverManager.getConnection(url(server, user, password));
  }
}
