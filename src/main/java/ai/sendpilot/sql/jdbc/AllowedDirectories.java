package ai.sendpilot.sql.jdbc;

import java.io.File;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The directories in which the JVM's operator lets connect strings name files. A file is in one
 * when its real path is (symbolic links and {@code ..} resolved); a file that does not exist is
 * judged by the real path of its nearest existing parent, so the answer never tells whether it
 * exists.
 *
 * @param realPaths the directories, as real paths where they exist
 */
record AllowedDirectories(List<Path> realPaths) {
  static final AllowedDirectories NONE = new AllowedDirectories(List.of());

  AllowedDirectories {
    realPaths = List.copyOf(realPaths);
  }

  /** The directories in a switch's value, separated by {@link File#pathSeparator}; null: none. */
  static AllowedDirectories parse(String value) {
    if (value == null) {
      return NONE;
    }
    List<Path> directories = new ArrayList<>();
    for (String entry : value.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        realPath(entry.strip()).ifPresent(directories::add);
      }
    }
    return new AllowedDirectories(directories);
  }

  /** The real path of the file {@code given} names, if it lies in one of the directories. */
  Optional<Path> fileInside(String given) {
    return realPath(given).filter(path -> realPaths.stream().anyMatch(path::startsWith));
  }

  /**
   * The absolute path of {@code given} with links resolved as far as it exists; empty when it is
   * not a path.
   */
  private static Optional<Path> realPath(String given) {
    Path path;
    try {
      path = Path.of(given).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    Path existing = path;
    while (existing != null) {
      try {
        return Optional.of(existing.toRealPath().resolve(existing.relativize(path)).normalize());
      } catch (IOException e) {
        existing = existing.getParent();
      }
    }
    return Optional.empty();
  }
}
