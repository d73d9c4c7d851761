package ai.sendpilot.sql.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Checks a users file before Jetty reads it: {@code user: password} lines, optionally followed
 * by {@code ,role} entries, {@code #} comments; a password may be stored as Jetty's
 * {@code MD5:} or {@code CRYPT:} form.
 */
final class UsersFile {
  private UsersFile() {
  }

  /**
   * Fails, naming the file and the user, unless it is readable and every user has a password.
   *
   * @return the number of users
   */
  static int check(Path file) {
    Properties users = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      users.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the users file " + file + ": "
          + e.getMessage(), e);
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException("the users file " + file + " names no user;"
          + " add lines such as 'alice: a-long-password'");
    }
    for (String user : users.stringPropertyNames()) {
      String password = users.getProperty(user).split(",", 2)[0].strip();
      if (password.isEmpty()) {
        throw new IllegalArgumentException("the users file " + file + " gives user '" + user
            + "' no password");
      }
    }
    return users.size();
  }
}
