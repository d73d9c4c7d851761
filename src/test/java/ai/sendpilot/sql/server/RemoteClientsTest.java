package ai.sendpilot.sql.server;

import static ai.sendpilot.sql.server.TestServers.ALICE;
import static ai.sendpilot.sql.server.TestServers.ALICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.cli.SqlLineMain;
import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.Jdbc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients as users run them: ./sqlline's launcher in its own JVM, and HTTPS. */
class RemoteClientsTest {
  private static final String KEYSTORE_PASSWORD = "keystore-pw-1";

  @TempDir Path dir;

  @Test void sqllineConnectsWithTheUsersNameAndPassword() throws Exception {
    try (InboxSimulator sim = new InboxSimulator(SimulatorConfig.builder().seed(9)
            .conversations(800).build()).start();
         TeamServer server = TestServers.start(sim, Auth.BASIC, TestServers.usersFile(dir),
             null, null, TestServers.generousLimits())) {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), SqlLineMain.class.getName(),
          "-u", TestServers.url(server, null, null), "-n", ALICE, "-p", ALICE_PASSWORD,
          "--outputformat=csv", "-e", "select count(*) as n from conversations"));
      Process p = new ProcessBuilder(command)
          .redirectOutput(dir.resolve("out.txt").toFile())
          .redirectError(dir.resolve("err.txt").toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "sqlline did not finish");
      String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), err);
      assertEquals("\"n\"\n\"800\"",
          Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8).strip());
      assertTrue(!err.contains("demo inbox"), err);
    }
  }

  @Test void httpsWithAKeystore() throws Exception {
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
    try (InboxSimulator sim = new InboxSimulator(SimulatorConfig.builder().seed(9)
            .conversations(800).build()).start();
         TeamServer server = TestServers.start(sim, Auth.BASIC, TestServers.usersFile(dir),
             new Tls(keystore, KEYSTORE_PASSWORD), null, TestServers.generousLimits())) {
      assertTrue(server.url().startsWith("https://127.0.0.1:"), server.url());
      String url = TestServers.url(server, ALICE, ALICE_PASSWORD) + ";truststore=" + keystore
          + ";truststore_password=" + KEYSTORE_PASSWORD;
      try (Connection c = DriverManager.getConnection(url)) {
        assertEquals(List.of("800"), Jdbc.rows(c, "select count(*) from conversations"));
      }
    }
  }
}
