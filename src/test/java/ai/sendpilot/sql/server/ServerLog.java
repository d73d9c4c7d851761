package ai.sendpilot.sql.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The tests' log file (slf4j-simple's, set by the build), read back for the server's lines. */
final class ServerLog {
  private ServerLog() {
  }

  static List<String> lines() throws IOException {
    return Files.readAllLines(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")),
        StandardCharsets.UTF_8);
  }

  /** Waits until a line contains every one of {@code parts}, and returns it. */
  static String await(Duration within, String... parts) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      for (String line : lines()) {
        boolean all = true;
        for (String part : parts) {
          all &= line.contains(part);
        }
        if (all) {
          return line;
        }
      }
      if (System.nanoTime() > deadline) {
        fail("no log line with " + List.of(parts) + " within " + within);
      }
      Thread.sleep(50);
    }
  }
}
