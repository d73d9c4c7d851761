package ai.sendpilot.sql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which JVM the launchers run, with which options and class path: {@code JAVA_HOME} first,
 * Java 17 at least, the options Java 24 and later need to stay quiet, and the user's
 * {@code drivers/} and {@code SENDPILOT_CLASSPATH}. A fake {@code java} records what it is given.
 */
class LauncherJvmTest {
  @TempDir static Path home;
  @TempDir Path jdks;
  private static StagedLaunchers launchers;

  @BeforeAll static void stage() throws IOException {
    launchers = StagedLaunchers.stage(home);
  }

  /** A JDK whose release file says {@code version} and whose java writes its arguments. */
  private Path fakeJdk(String name, String version) throws IOException {
    Path jdk = Files.createDirectories(jdks.resolve(name).resolve("bin")).getParent();
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    Path java = jdk.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > \""
        + jdk.resolve("args.txt") + "\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return jdk;
  }

  private static List<String> args(Path jdk) throws IOException {
    return Files.readAllLines(jdk.resolve("args.txt"));
  }

  @Test void javaHomeIsUsedAndJava24GetsItsQuietOptions() throws Exception {
    for (String script : List.of("sqlline", "sendpilot-server")) {
      Path jdk = fakeJdk("jdk25-" + script, "25.0.1");
      StagedLaunchers.Run r = launchers.run(Map.of("JAVA_HOME", jdk.toString()), script);
      assertEquals(0, r.exitCode(), r.err());
      List<String> args = args(jdk);
      assertTrue(args.contains("--enable-native-access=ALL-UNNAMED"), args.toString());
      assertTrue(args.contains("--sun-misc-unsafe-memory-access=allow"), args.toString());
    }
  }

  @Test void java17GetsNoOptionItWouldRefuse() throws Exception {
    for (String script : List.of("sqlline", "sendpilot-server")) {
      Path jdk = fakeJdk("jdk17-" + script, "17.0.15");
      StagedLaunchers.Run r = launchers.run(Map.of("JAVA_HOME", jdk.toString()), script);
      assertEquals(0, r.exitCode(), r.err());
      List<String> args = args(jdk);
      assertFalse(args.stream().anyMatch(a -> a.startsWith("--enable-native-access")
          || a.startsWith("--sun-misc-unsafe")), args.toString());
    }
  }

  @Test void aJavaOlderThan17IsRefusedInOneLine() throws Exception {
    for (String version : List.of("11.0.2", "1.8.0_402")) {
      Path jdk = fakeJdk("old-" + version, version);
      for (String script : List.of("sqlline", "sendpilot-server")) {
        StagedLaunchers.Run r = launchers.run(Map.of("JAVA_HOME", jdk.toString()), script);
        assertEquals(1, r.exitCode());
        assertEquals(List.of(jdk.resolve("bin/java") + " is Java " + version + "; the SendPilot"
            + " driver needs Java 17 or newer: set JAVA_HOME to one."),
            r.err().strip().lines().toList());
        assertFalse(Files.exists(jdk.resolve("args.txt")), "not started");
      }
    }
  }

  @Test void aJavaHomeWithoutJavaIsNamed() throws Exception {
    Path empty = Files.createDirectories(jdks.resolve("empty"));
    StagedLaunchers.Run r = launchers.run(Map.of("JAVA_HOME", empty.toString()), "sqlline");
    assertEquals(1, r.exitCode());
    assertEquals(List.of("JAVA_HOME is " + empty + ", but " + empty.resolve("bin/java")
        + " is not an executable: point JAVA_HOME at a Java 17 or newer, or unset it to use"
        + " the java on PATH."), r.err().strip().lines().toList());
  }

  @Test void withoutJavaHomeTheJavaOnPathRuns() throws Exception {
    Path jdk = fakeJdk("on-path", "21.0.4");
    Map<String, String> env = Map.of("JAVA_HOME", "", "PATH",
        jdk.resolve("bin") + ":" + System.getenv("PATH"));
    StagedLaunchers.Run r = launchers.run(env, "sqlline", "-e", "select 1");
    assertEquals(0, r.exitCode(), r.err());
    List<String> args = args(jdk);
    assertEquals(List.of("ai.sendpilot.sql.cli.SqlLineMain", "-e", "select 1"),
        args.subList(args.size() - 3, args.size()));
  }

  @Test void driversAndSendpilotClasspathJoinTheClassPath() throws Exception {
    Path jar = Files.writeString(launchers.drivers().resolve("crm-driver.jar"), "");
    Path extra = Files.createDirectories(jdks.resolve("extra-classes"));
    for (String script : List.of("sqlline", "sendpilot-server")) {
      Path jdk = fakeJdk("cp-" + script, "17.0.15");
      StagedLaunchers.Run r = launchers.run(Map.of("JAVA_HOME", jdk.toString(),
          "SENDPILOT_CLASSPATH", extra + ":/opt/more.jar"), script);
      assertEquals(0, r.exitCode(), r.err());
      List<String> args = args(jdk);
      List<String> classPath = Arrays.asList(args.get(args.indexOf("-cp") + 1).split(":"));
      assertEquals(List.of(jar.toString(), extra.toString(), "/opt/more.jar"),
          classPath.subList(classPath.size() - 3, classPath.size()), "after the driver's own");
      assertTrue(classPath.get(0).endsWith("target/sendpilot-sql.jar"), classPath.toString());
    }
    Files.delete(jar);
  }

  /** A real Java 24 or later, if one is installed where Debian puts JDKs. */
  private static Optional<Path> installedJava24() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")))
          .filter(h -> feature(h) >= 24).findFirst();
    }
  }

  private static int feature(Path jdk) {
    try {
      for (String line : Files.readAllLines(jdk.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=\"")) {
          String version = line.substring("JAVA_VERSION=\"".length());
          return Integer.parseInt(version.split("[^0-9]")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  @Test void aRealJava24PrintsNoWarning() throws Exception {
    Optional<Path> jdk = installedJava24();
    assumeTrue(jdk.isPresent(), "no Java 24 or later under /usr/lib/jvm");
    StagedLaunchers.Run r = launchers.run(Map.of("JAVA_HOME", jdk.get().toString()), "sqlline",
        "-e", "select count(*) as n from conversations");
    assertEquals(0, r.exitCode(), r.err());
    assertFalse(r.err().contains("WARNING"), r.err());
    assertTrue(r.out().contains("| 3000 |"), r.out());
  }
}
