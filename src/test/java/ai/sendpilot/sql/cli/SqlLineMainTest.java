package ai.sendpilot.sql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sqlline entry point, run as a user would: a separate JVM, output piped, no key. */
class SqlLineMainTest {
  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {
  }

  private Run run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  private Run run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        SqlLineMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().remove("SENDPILOT_API_KEY");
    pb.environment().remove("SENDPILOT_BASE_URL");
    pb.environment().remove("SENDPILOT_VERBOSE");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "sqlline did not finish");
    return new Run(p.exitValue(),
        Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  @Test void withoutAKeyTheDemoInboxAnswersAndSaysSo() throws Exception {
    Run r = run("-e", "select account_id, count(*) as n from conversations"
        + " group by account_id order by account_id");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("SENDPILOT_API_KEY is not set: opening the built-in demo inbox (synthetic"
        + " data). Set SENDPILOT_API_KEY to query your own workspace.", r.err().strip());
    assertEquals(String.join("\n",
        "+-------------+-----+",
        "| account_id  |  n  |",
        "+-------------+-----+",
        "| acc_apac_01 | 750 |",
        "| acc_emea_01 | 750 |",
        "| acc_emea_02 | 750 |",
        "| acc_na_01   | 750 |",
        "+-------------+-----+"), r.out().strip());
  }

  @Test void withAKeyTheDriverConnectsToTheWorkspaceAndNoDemoStarts() {
    String[] args = SqlLineMain.sqlLineArguments(new String[] {"-e", "select 1"},
        Map.of("SENDPILOT_API_KEY", "k"), true);
    assertEquals(List.of("-u", "jdbc:sendpilot:", "-n", "", "-p", "",
        "--isolation=TRANSACTION_NONE", "--connectInteractionMode=notAskCredentials",
        "--fastConnect=false", "-e", "select 1"), List.of(args));
  }

  @Test void pipedOutputGetsWideTables() {
    List<String> args = List.of(SqlLineMain.sqlLineArguments(new String[0],
        Map.of("SENDPILOT_API_KEY", "k"), false));
    assertTrue(args.contains("--maxWidth=1000"), args.toString());
  }

  @Test void aModelFileOfTheLocalUserWorks() throws Exception {
    Path crm = Files.createDirectories(dir.resolve("crm"));
    Files.writeString(crm.resolve("contacts.csv"), "email:string\na@acme.example\n");
    Path model = Files.writeString(dir.resolve("crm-model.json"),
        "{\"version\": \"1.0\", \"schemas\": [{\"name\": \"crm_files\", \"type\": \"custom\","
            + " \"factory\": \"org.apache.calcite.adapter.file.FileSchemaFactory\","
            + " \"operand\": {\"directory\": \"crm\"}}]}");
    Run r = run("-u", "jdbc:sendpilot:demo=true;model=" + model, "--outputformat=csv", "-e",
        "select email from crm_files.contacts");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(List.of("\"email\"", "\"a@acme.example\""), r.out().strip().lines().toList());
  }

  @Test void theLocalUserIsTheOperatorOfTheirJvm() {
    Map<String, String> set = SqlLineMain.localUserSwitches(new Properties(), Map.of());
    String roots = StreamSupport.stream(
        FileSystems.getDefault().getRootDirectories().spliterator(), false)
        .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    assertEquals(Map.of("sendpilot.allowFilesUnder", roots,
        "sendpilot.allowInlineModels", "true",
        "sendpilot.allowCalciteExtensions", "true",
        "sendpilot.allowOperatorKeyAnywhere", "true"), set);
  }

  @Test void switchesTheUserSetStayAsTheyAre() {
    Properties system = new Properties();
    system.setProperty("sendpilot.allowInlineModels", "false");
    Map<String, String> set = SqlLineMain.localUserSwitches(system,
        Map.of("SENDPILOT_ALLOW_FILES_UNDER", "/srv/models"));
    assertEquals(Set.of("sendpilot.allowCalciteExtensions", "sendpilot.allowOperatorKeyAnywhere"),
        set.keySet());
  }

  @Test void sqlErrorsExitWithCodeTwo() throws Exception {
    Run r = run("-e", "select no_such_column from conversations");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("Column 'no_such_column' not found"), r.err());
  }

  private static final String DEMO_NOTICE = "SENDPILOT_API_KEY is not set: opening the built-in"
      + " demo inbox (synthetic data). Set SENDPILOT_API_KEY to query your own workspace.";
  private static final String ONE_LINE_ERROR = "Error: Column 'no_such_column' not found in any"
      + " table at line 1, column 8 (state=42S22,code=0)";

  @Test void anSqlErrorIsOneLine() throws Exception {
    Run r = run("-e", "select no_such_column from conversations");
    assertEquals(2, r.exitCode());
    assertEquals(List.of(DEMO_NOTICE, ONE_LINE_ERROR), r.err().strip().lines().toList());
  }

  @Test void anSqlErrorInAScriptIsOneLine() throws Exception {
    Path script = Files.writeString(dir.resolve("report.sql"),
        "select no_such_column from conversations;\n");
    Run r = run("-f", script.toString());
    assertEquals(2, r.exitCode());
    assertEquals(List.of(DEMO_NOTICE, ONE_LINE_ERROR, "Aborting command set because \"force\""
        + " is false and command failed: \"select no_such_column from conversations;\""),
        r.err().strip().lines().filter(line -> !line.isBlank()).toList());
  }

  @Test void verboseBringsTheStackTraceBack() throws Exception {
    for (Run r : List.of(run("--verbose=true", "-e", "select no_such_column from conversations"),
        run(Map.of("SENDPILOT_VERBOSE", "1"), "-e", "select no_such_column from conversations"))) {
      assertEquals(2, r.exitCode());
      assertTrue(r.err().contains(ONE_LINE_ERROR), r.err());
      assertTrue(r.err().contains("\tat "), r.err());
    }
  }

  @Test void argumentsPassThroughToSqlline() throws Exception {
    Run r = run("--outputformat=csv", "-e", "select id from conversations limit 2");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(3, r.out().strip().lines().count(), r.out());
    assertEquals("\"id\"", r.out().strip().lines().findFirst().orElseThrow());
  }

  private static final String PAGE_SIZE_HINT = "Warning: Unknown connection property 'pageSise'"
      + " is ignored; did you mean 'pageSize'? (state=01000,code=0)";

  @Test void aWarningIsOneLine() throws Exception {
    Run r = run("-u", "jdbc:sendpilot:demo=true;pageSise=5", "-e", "select 42 as answer");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(List.of(PAGE_SIZE_HINT), r.err().strip().lines().toList(),
        "no stack trace, no log line repeating it");
    assertTrue(r.out().contains("| 42     |"), r.out());
  }

  @Test void verboseGivesAWarningItsStackTrace() throws Exception {
    Run r = run("-u", "jdbc:sendpilot:demo=true;pageSise=5", "--verbose=true", "-e", "select 1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains(PAGE_SIZE_HINT + "\njava.sql.SQLWarning: "), r.err());
    assertTrue(r.err().contains("\tat "), r.err());
  }

  /** Without a fixed anchor (the tests' default), the demo's data ends minutes before now. */
  @Test void theDemoEndsMinutesBeforeItStarts() throws Exception {
    Instant before = Instant.now();
    Run r = run("--outputformat=csv", "-e", "select max(last_activity_at) as newest,"
        + " count(*) as last_week from conversations"
        + " where last_activity_at > current_timestamp - interval '7' day");
    Instant after = Instant.now();
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().strip().lines().toList();
    assertEquals("\"newest\",\"last_week\"", lines.get(0));
    String[] values = lines.get(1).replace("\"", "").split(",");
    Instant newest = LocalDateTime.parse(values[0].replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    assertTrue(newest.isAfter(before.minus(Duration.ofMinutes(5)).minusSeconds(40))
        && newest.isBefore(after.minus(Duration.ofMinutes(5)).plusSeconds(1)),
        newest + " is about five minutes before " + before);
    assertTrue(Integer.parseInt(values[1]) > 100, "last week's conversations: " + values[1]);
  }
}
