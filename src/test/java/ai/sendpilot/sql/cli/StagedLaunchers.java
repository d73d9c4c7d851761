package ai.sendpilot.sql.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A copy of the repository's launchers ({@code ./sqlline}, {@code ./sendpilot-server} and what
 * they source) beside a built driver, in a directory of its own: the scripts run as a user runs
 * them, without starting Maven (the driver's jar is made from the compiled classes, newer than
 * any source the scripts check) and without touching the repository's {@code drivers/}.
 */
final class StagedLaunchers {
  /** The demo anchor the tests' data uses (the surefire configuration sets it). */
  static final String TEST_ANCHOR = "-Dsendpilot.demo.newestActivity=2026-11-01T12:00:00Z";

  private final Path home;

  private StagedLaunchers(Path home) {
    this.home = home;
  }

  /** The launchers staged in {@code home}, an empty directory. */
  static StagedLaunchers stage(Path home) throws IOException {
    Path repo = Path.of(System.getProperty("user.dir"));
    for (String script : List.of("sqlline", "sendpilot-server", "scripts/launcher-jvm.sh")) {
      Path target = home.resolve(script);
      Files.createDirectories(target.getParent());
      Files.copy(repo.resolve(script), target);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.createDirectories(home.resolve("src/main"));
    Files.copy(repo.resolve("pom.xml"), home.resolve("pom.xml"));
    Path built = Files.createDirectories(home.resolve("target"));
    for (String list : List.of("runtime-classpath.txt", "launcher-classpath.txt")) {
      Files.copy(repo.resolve("target").resolve(list), built.resolve(list));
    }
    Path jar = built.resolve("sendpilot-sql.jar");
    writeJar(repo.resolve("target/classes"), jar);
    FileTime later = FileTime.from(Instant.now().plusSeconds(60));
    Files.setLastModifiedTime(jar, later);
    return new StagedLaunchers(home);
  }

  private static void writeJar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
         JarOutputStream out = new JarOutputStream(file);
         Stream<Path> paths = Files.walk(classes)) {
      for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
  }

  Path home() {
    return home;
  }

  /** The folder the launchers take JDBC drivers from. */
  Path drivers() throws IOException {
    return Files.createDirectories(home.resolve("drivers"));
  }

  /** What a launcher run printed, and how it ended. */
  record Run(int exitCode, String out, String err) {
  }

  /**
   * Runs {@code ./script args} in the staged directory with the environment of this JVM
   * without SendPilot's variables, plus {@code env}; stdin is empty.
   */
  Run run(Map<String, String> env, String script, String... args)
      throws IOException, InterruptedException {
    Process p = start(env, script, args);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), script + " did not finish");
    return new Run(p.exitValue(), read("out.txt"), read("err.txt"));
  }

  /** Starts {@code ./script args} as {@link #run} does, without waiting for it. */
  Process start(Map<String, String> env, String script, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("./" + script));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile())
        .redirectOutput(home.resolve("out.txt").toFile())
        .redirectError(home.resolve("err.txt").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Map<String, String> environment = pb.environment();
    environment.keySet().removeIf(name -> name.startsWith("SENDPILOT_"));
    Map<String, String> given = new HashMap<>(env);
    given.putIfAbsent("SENDPILOT_JAVA_OPTS", TEST_ANCHOR);
    environment.putAll(given);
    return pb.start();
  }

  String read(String file) throws IOException {
    return Files.readString(home.resolve(file), StandardCharsets.UTF_8);
  }
}
