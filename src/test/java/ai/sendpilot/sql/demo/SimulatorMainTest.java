package ai.sendpilot.sql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Command-line parsing and the standalone process. */
class SimulatorMainTest {
  @Test void defaultsAndFlags() {
    SimulatorConfig defaults = SimulatorMain.parse(new String[0]);
    assertEquals(8080, defaults.port());
    assertEquals(3000, defaults.conversationCount());
    SimulatorConfig config = SimulatorMain.parse(new String[] {"--port", "0",
        "--conversations", "50", "--seed", "-7", "--api-key", "k", "--latency-ms", "15"});
    assertEquals(0, config.port());
    assertEquals(50, config.conversationCount());
    assertEquals(-7, config.seed());
    assertEquals("k", config.apiKey());
    assertEquals(Duration.ofMillis(15), config.latency());
  }

  @Test void strictParsing() {
    for (String[] args : List.of(new String[] {"--bogus", "1"}, new String[] {"--port"},
        new String[] {"--port", "x"}, new String[] {"--port", "-1"},
        new String[] {"--conversations", "99999999999"})) {
      assertThrows(IllegalArgumentException.class, () -> SimulatorMain.parse(args),
          String.join(" ", args));
    }
  }

  @Test void standaloneProcessPrintsUrlAndUnknownFlagExits2() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    Process bad = new ProcessBuilder(java, "-cp", classpath, SimulatorMain.class.getName(),
        "--nope", "1").start();
    assertTrue(bad.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, bad.exitValue());
    String stderr = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(stderr.contains("usage:"), stderr);

    Process good = new ProcessBuilder(java, "-cp", classpath, SimulatorMain.class.getName(),
        "--port", "0", "--conversations", "10").redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(good.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertTrue(line.matches(".*http://127\\.0\\.0\\.1:\\d+ .*demo-key.*"), line);
    } finally {
      good.destroy();
      good.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
