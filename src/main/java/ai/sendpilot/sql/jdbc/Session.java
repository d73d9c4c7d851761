package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.adapter.InboxCheck;
import java.sql.SQLWarning;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * What one connection keeps beside Calcite's connection: the JDBC user, the check that proves
 * its key, the client info tools set, its warnings and its auto-commit flag (a read-only source
 * has no transactions, so the flag only answers what was set).
 */
final class Session {
  /** The client info properties JDBC names, which the driver keeps. */
  static final List<String> CLIENT_INFO = List.of("ApplicationName", "ClientUser",
      "ClientHostname");
  /** The user name when the connect string gives none. */
  static final String DEFAULT_USER = "sendpilot";
  /** SQLState of a warning. */
  static final String WARNING = "01000";

  private final CalciteConnection calcite;
  private final String user;
  private final InboxCheck check;
  private final Properties clientInfo = new Properties();
  private final SessionStatements statements = new SessionStatements();
  private boolean autoCommit = true;
  private SQLWarning warnings;

  /**
   * A session.
   *
   * @param calcite the connection the session belongs to
   * @param user the JDBC user, or null
   * @param check the check that proves the connection's key, if it has one
   * @param warnings warnings met while connecting
   */
  Session(CalciteConnection calcite, String user, Optional<InboxCheck> check,
      List<String> warnings) {
    this.calcite = calcite;
    this.user = user == null || user.isBlank() ? DEFAULT_USER : user;
    this.check = check.orElse(null);
    warnings.forEach(this::warn);
  }

  CalciteConnection calcite() {
    return calcite;
  }

  /** The session settings SET, SHOW and RESET work on. */
  SessionStatements statements() {
    return statements;
  }

  String user() {
    return user;
  }

  /** The check of the connection's key and host; empty for the demo inbox. */
  Optional<InboxCheck> check() {
    return Optional.ofNullable(check);
  }

  synchronized boolean autoCommit() {
    return autoCommit;
  }

  synchronized void autoCommit(boolean on) {
    autoCommit = on;
  }

  /** A copy of the client info set so far. */
  synchronized Properties clientInfo() {
    Properties copy = new Properties();
    copy.putAll(clientInfo);
    return copy;
  }

  /** Sets one client info property (null removes it); a warning for names JDBC does not give. */
  synchronized void clientInfo(String name, String value) {
    if (!CLIENT_INFO.contains(name)) {
      warn("Client info property '" + name + "' is not kept; the driver keeps "
          + String.join(", ", CLIENT_INFO.subList(0, CLIENT_INFO.size() - 1)) + " and "
          + CLIENT_INFO.get(CLIENT_INFO.size() - 1));
    } else if (value == null) {
      clientInfo.remove(name);
    } else {
      clientInfo.setProperty(name, value);
    }
  }

  synchronized SQLWarning warnings() {
    return warnings;
  }

  synchronized void clearWarnings() {
    warnings = null;
  }

  /** Adds a warning to the chain. */
  synchronized void warn(String message) {
    SQLWarning warning = new SQLWarning(message, WARNING);
    if (warnings == null) {
      warnings = warning;
    } else {
      warnings.setNextWarning(warning);
    }
  }
}
