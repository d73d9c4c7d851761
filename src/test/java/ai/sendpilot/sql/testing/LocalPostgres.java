package ai.sendpilot.sql.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: a new cluster in a temporary directory, on a free
 * loopback port, from the programs of Debian's {@code postgresql} package (which {@code .ci/run}
 * installs), else from the {@code PATH}. PostgreSQL refuses to run as root, so under root every
 * command runs as the {@code postgres} user the package creates. Closing stops the server and
 * deletes the cluster.
 */
public final class LocalPostgres implements AutoCloseable {
  /** Where Debian installs each PostgreSQL version's programs. */
  private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
  private static final String SERVER_USER = "postgres";
  private static final long COMMAND_SECONDS = 120;

  private final Path bin;
  private final Path directory;
  private final int port;
  private final boolean asServerUser;
  private final Thread stopAtExit;

  private LocalPostgres(Path bin, Path directory, int port, boolean asServerUser) {
    this.bin = bin;
    this.directory = directory;
    this.port = port;
    this.asServerUser = asServerUser;
    this.stopAtExit = new Thread(this::stopQuietly, "local-postgres-stop");
  }

  /**
   * Creates and starts a cluster whose superuser {@code postgres} logs in without a password
   * from loopback.
   *
   * @throws IllegalStateException when PostgreSQL is not installed or does not start, saying
   *     what to do
   */
  public static LocalPostgres start() throws IOException, InterruptedException {
    Path bin = binaries().orElseThrow(() -> new IllegalStateException("PostgreSQL is not"
        + " installed: this test starts a throwaway PostgreSQL server from the programs of"
        + " Debian's postgresql package (" + DEBIAN_BINARIES + "/<version>/bin) or initdb and"
        + " pg_ctl on the PATH. Install it with 'apt-get install -y postgresql', as .ci/run"
        + " does."));
    boolean asServerUser = "root".equals(System.getProperty("user.name"));
    Path directory = asServerUser
        ? Path.of(run(true, List.of("mktemp", "-d", "/tmp/sendpilot-postgres-XXXXXX")).strip())
        : Files.createTempDirectory("sendpilot-postgres-");
    LocalPostgres server = new LocalPostgres(bin, directory, freePort(), asServerUser);
    Runtime.getRuntime().addShutdownHook(server.stopAtExit);
    try {
      server.initAndStart();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void initAndStart() throws IOException, InterruptedException {
    run(asServerUser, List.of(bin.resolve("initdb").toString(), "-D", data(), "-U", SERVER_USER,
        "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
    run(asServerUser, List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-l",
        directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
        "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off",
        "start"));
  }

  /** A JDBC URL of {@code database} (the cluster has {@code postgres}) as the superuser. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SERVER_USER;
  }

  @Override public void close() throws IOException, InterruptedException {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook runs anyway
    }
  }

  private void stopQuietly() {
    try {
      if (Files.exists(directory.resolve("data").resolve("postmaster.pid"))) {
        run(asServerUser, List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m",
            "immediate", "-w", "stop"));
      }
      run(asServerUser, List.of("rm", "-rf", directory.toString()));
    } catch (IOException | RuntimeException e) {
      System.err.println("Could not stop the test PostgreSQL in " + directory + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String data() {
    return directory.resolve("data").toString();
  }

  /** The newest Debian PostgreSQL whose programs are installed, else the PATH's. */
  private static Optional<Path> binaries() throws IOException {
    if (Files.isDirectory(DEBIAN_BINARIES)) {
      try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
        Optional<Path> debian = versions.map(v -> v.resolve("bin"))
            .filter(LocalPostgres::hasPrograms)
            .max(Comparator.comparing(LocalPostgres::version));
        if (debian.isPresent()) {
          return debian;
        }
      }
    }
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank()).map(Path::of)
        .filter(LocalPostgres::hasPrograms).findFirst();
  }

  private static boolean hasPrograms(Path bin) {
    return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
  }

  private static int version(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Runs {@code command} (as the server's user if asked); its output, or a failure with it. */
  private static String run(boolean asServerUser, List<String> command)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asServerUser) {
      full.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
    }
    full.addAll(command);
    Process process = new ProcessBuilder(full).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("Timed out: " + String.join(" ", full));
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("Failed with exit code " + process.exitValue() + ": "
          + String.join(" ", full) + "\n" + text);
    }
    return text;
  }
}
