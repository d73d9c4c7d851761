package ai.sendpilot.sql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan's warning (here a typo'd account id) shows in {@code ./sqlline}, once. */
class SqlLineWarningsTest {
  @TempDir Path dir;

  @Test void aTypodAccountIdIsAWarningInSqlLine() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SqlLineMain.class.getName(),
        "-e", "select count(*) as n from conversations where account_id = 'acc_typo'"))
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().remove("SENDPILOT_API_KEY");
    pb.environment().remove("SENDPILOT_BASE_URL");
    pb.environment().remove("SENDPILOT_VERBOSE");
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "sqlline did not finish");
    String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8)
        + Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    List<String> lines = out.lines()
        .filter(l -> l.startsWith("Warning: ")).toList();
    assertEquals(List.of("Warning: SendPilot returned no conversation for account_id 'acc_typo'"
        + " (its first page was empty): check the account id, for example against select"
        + " distinct account_id from sendpilot.conversations. (state=01000,code=0)"), lines, out);
  }
}
