package ai.sendpilot.sql.server;

import static ai.sendpilot.sql.server.TestServers.ALICE;
import static ai.sendpilot.sql.server.TestServers.ALICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route × method × login (none, wrong, right) against BASIC, DIGEST and BASIC over TLS:
 * only {@code GET}/{@code HEAD /health} answer without a login, its other methods answer 405,
 * and nothing reaches Avatica without the right login.
 */
class ServerDoorTest {
  private static final List<String> ROUTES = List.of("/", "/health", "/metrics", "/anything",
      "/health/x", "/health;x=1", "/%68ealth");
  private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE",
      "OPTIONS", "PATCH", "TRACE");
  private static final String KEYSTORE_PASSWORD = "keystore-pw-1";
  private static final ProtobufTranslationImpl PROTOBUF = new ProtobufTranslationImpl();

  private enum Login { NONE, WRONG, RIGHT }

  @TempDir Path dir;
  private InboxSimulator sim;

  @BeforeEach void startSimulator() {
    sim = new InboxSimulator(SimulatorConfig.builder().seed(9).conversations(100).build())
        .start();
  }

  @AfterEach void stopSimulator() {
    sim.close();
  }

  @Test void basic() throws Exception {
    walk(Auth.BASIC, null, null);
  }

  @Test void digest() throws Exception {
    walk(Auth.DIGEST, null, null);
  }

  @Test void basicOverTls() throws Exception {
    Path keystore = keystore();
    walk(Auth.BASIC, new Tls(keystore, KEYSTORE_PASSWORD), trusting(keystore));
  }

  private void walk(Auth auth, Tls tls, SSLContext trust) throws Exception {
    try (TeamServer server = TestServers.start(sim, auth, TestServers.usersFile(dir), tls, null,
        TestServers.generousLimits())) {
      RawHttp http = new RawHttp(server.url(), trust);
      List<String> wrong = new ArrayList<>();
      int opened = 0;
      for (String route : ROUTES) {
        for (String method : METHODS) {
          for (Login login : Login.values()) {
            RawHttp.Response response = send(http, auth, route, method, login);
            int expected = expected(route, method, login);
            if (response.status() != expected) {
              wrong.add(method + " " + route + " " + login + ": " + response.status()
                  + ", expected " + expected);
            } else if (expected == 200 && "POST".equals(method)) {
              assertInstanceOf(Service.OpenConnectionResponse.class,
                  PROTOBUF.parseResponse(response.body()));
              opened++;
            } else if (expected == 500) {
              ErrorResponse error = (ErrorResponse) PROTOBUF.parseResponse(response.body());
              assertEquals("28000", error.sqlState);
              assertEquals(List.of(), error.exceptions);
            }
          }
        }
      }
      assertEquals(List.of(), wrong);
      String metrics = new String(send(http, auth, "/metrics", "GET", Login.RIGHT).body());
      assertTrue(metrics.contains("\"connectionsOpened\":" + opened + ","), metrics);
      assertEquals(3, opened, "POST /, /anything and /health/x with the right login");
    }
  }

  private static int expected(String route, String method, Login login) {
    boolean read = method.equals("GET") || method.equals("HEAD");
    boolean health = route.equals("/health") || route.equals("/health;x=1")
        || route.equals("/%68ealth");
    if (health) {
      return read ? 200 : 405;
    }
    if (login == Login.WRONG && method.equals("POST")) {
      return 500;
    }
    if (login != Login.RIGHT) {
      return 401;
    }
    if (route.equals("/metrics")) {
      return read ? 200 : 405;
    }
    return method.equals("POST") ? 200 : 405;
  }

  private static RawHttp.Response send(RawHttp http, Auth auth, String route, String method,
      Login login) throws Exception {
    byte[] body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
        ? PROTOBUF.serializeRequest(new Service.OpenConnectionRequest(
            UUID.randomUUID().toString(), Map.of()))
        : null;
    Map<String, String> headers = body == null ? Map.of()
        : Map.of("Content-Type", "application/octet-stream");
    String password = login == Login.RIGHT ? ALICE_PASSWORD : "not-" + ALICE_PASSWORD;
    if (login == Login.NONE) {
      return http.send(method, route, headers, body);
    }
    if (auth == Auth.DIGEST) {
      return http.sendDigest(method, route, ALICE, password, body, headers);
    }
    Map<String, String> withLogin = new HashMap<>(headers);
    withLogin.put("Authorization", RawHttp.basic(ALICE, password));
    return http.send(method, route, withLogin, body);
  }

  private Path keystore() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD)
        .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.txt").toFile()).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, keytool.exitValue(), Files.readString(dir.resolve("keytool.txt")));
    return keystore;
  }

  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, KEYSTORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
