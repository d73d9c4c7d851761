package ai.sendpilot.sql.cli;

import ai.sendpilot.sql.adapter.SendPilotSettings;
import ai.sendpilot.sql.config.OperatorSwitch;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import sqlline.SqlLine;
import sqlline.SqlLine.Status;
import sqlline.SqlLineOpts;

/**
 * Starts sqlline connected through {@code jdbc:sendpilot:}: to the user's workspace when
 * {@code SENDPILOT_API_KEY} is set, otherwise to the built-in demo inbox, said on stderr. The
 * user is the operator of this JVM, so connect strings may do all a model can (see
 * {@link #localUserSwitches}). A failure is one line ({@link OneLineErrorsSqlLine}) unless
 * {@code --verbose=true} or {@code SENDPILOT_VERBOSE=1}.
 */
public final class SqlLineMain {
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
  /**
   * The driver logs a connection's warnings, which sqlline shows itself: one line each is
   * enough.
   */
  private static final String DRIVER_LOG_LEVEL =
      "org.slf4j.simpleLogger.log.ai.sendpilot.sql.jdbc.SendPilotDriver";
  /** RFC 4180's quote, which {@code --csvQuoteCharacter} cannot set from a command line. */
  static final char CSV_QUOTE = '"';
  /** The environment variable that adds stack traces to failures. */
  static final String VERBOSE = "SENDPILOT_VERBOSE";

  private SqlLineMain() {
  }

  public static void main(String[] args) throws IOException {
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, "warn");
    }
    if (System.getProperty(DRIVER_LOG_LEVEL) == null) {
      System.setProperty(DRIVER_LOG_LEVEL, "error");
    }
    localUserSwitches(System.getProperties(), System.getenv()).forEach(System::setProperty);
    SqlLine sqlLine = newSqlLine(verbose(args, System.getenv()));
    Status status = sqlLine.begin(sqlLineArguments(args, System.getenv(),
        System.console() != null), null, true);
    if (!Boolean.getBoolean(SqlLineOpts.PROPERTY_NAME_EXIT)) {
      System.exit(status.ordinal());
    }
  }

  /**
   * A sqlline with the launcher's defaults that its arguments cannot carry: CSV in RFC 4180's
   * form (fields in double quotes, a quote inside doubled, a header row), which other tools
   * read; {@code --csvQuoteCharacter} and sqlline's saved properties still choose otherwise.
   */
  static SqlLine newSqlLine(boolean stackTraces) {
    SqlLine sqlLine = new OneLineErrorsSqlLine(stackTraces);
    sqlLine.getOpts().setCsvQuoteCharacter(String.valueOf(CSV_QUOTE));
    return sqlLine;
  }

  /**
   * Whether failures show their stack traces: sqlline's {@code --verbose=true} (which its
   * {@code --silent=true}, given when output is piped, would turn off), or {@value #VERBOSE}
   * set to {@code 1} or {@code true}.
   */
  static boolean verbose(String[] userArgs, Map<String, String> env) {
    String value = env.getOrDefault(VERBOSE, "").strip();
    return value.equals("1") || value.equalsIgnoreCase("true")
        || Arrays.asList(userArgs).contains("--verbose=true")
        || Arrays.asList(userArgs).contains("--verbose");
  }

  /**
   * The operator switches to turn on, as system properties: whoever starts sqlline runs this JVM
   * and is its operator, so every switch is on (files anywhere, inline models, Calcite
   * extensions, their key to any host) unless they set it already, either way.
   */
  static Map<String, String> localUserSwitches(Properties system, Map<String, String> env) {
    Map<String, String> switches = new LinkedHashMap<>();
    for (OperatorSwitch s : OperatorSwitch.values()) {
      if (s.value(system, env) == null) {
        switches.put(s.systemProperty(),
            s.type() == OperatorSwitch.Type.DIRECTORIES ? everyDirectory() : "true");
      }
    }
    return switches;
  }

  /** The file system's roots, as the value of a directories switch. */
  private static String everyDirectory() {
    List<String> roots = new ArrayList<>();
    FileSystems.getDefault().getRootDirectories().forEach(root -> roots.add(root.toString()));
    return String.join(File.pathSeparator, roots);
  }

  /**
   * The arguments for sqlline: connection and display defaults, then the user's own. A URL of
   * the user's own ({@code -u}) replaces the driver's; for a team server's Avatica URL, the
   * user's {@code -n} and {@code -p} become its HTTP login.
   */
  static String[] sqlLineArguments(String[] userArgs, Map<String, String> env,
      boolean terminal) {
    List<String> given = Arrays.asList(userArgs);
    boolean ownUrl = given.contains("-u");
    List<String> args = new ArrayList<>();
    if (!ownUrl) {
      boolean demo = !SendPilotSettings.from(Map.of(), env).hasApiKey();
      if (demo) {
        System.err.println("SENDPILOT_API_KEY is not set: opening the built-in demo inbox"
            + " (synthetic data). Set SENDPILOT_API_KEY to query your own workspace.");
      }
      args.addAll(List.of("-u", demo ? "jdbc:sendpilot:demo=true" : "jdbc:sendpilot:",
          "-n", "", "-p", ""));
    }
    args.addAll(List.of("--isolation=TRANSACTION_NONE",
        "--connectInteractionMode=notAskCredentials"));
    if (terminal) {
      // Read the tables and columns at connect time, so that they complete with Tab.
      args.add("--fastConnect=false");
    } else {
      System.setProperty("org.jline.terminal.dumb", "true");
      args.add("--maxWidth=1000");
      args.add("--silent=true");
    }
    args.addAll(ownUrl ? RemoteLogin.withHttpLogin(given) : given);
    return args.toArray(new String[0]);
  }
}
