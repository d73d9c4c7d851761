package ai.sendpilot.sql.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns sqlline's {@code -n user -p password} into the HTTP login of an Avatica URL
 * ({@code jdbc:avatica:remote:…}, such as a SendPilot team server's): Avatica's client logs in
 * with {@code avatica_user} and {@code avatica_password}, and sends a JDBC user and password
 * only inside its requests. The password stays out of sqlline's prompt, which shows the URL up
 * to its first {@code ;}.
 */
final class RemoteLogin {
  private static final String AVATICA_PREFIX = "jdbc:avatica:remote:";

  private RemoteLogin() {
  }

  /** {@code args} with the Avatica URL after {@code -u} extended by the login, if one applies. */
  static List<String> withHttpLogin(List<String> args) {
    int url = args.lastIndexOf("-u") + 1;
    String user = valueAfter(args, "-n");
    if (url == 0 || url >= args.size() || user == null || user.isEmpty()
        || !args.get(url).startsWith(AVATICA_PREFIX) || args.get(url).contains("avatica_user")) {
      return args;
    }
    StringBuilder login = new StringBuilder(args.get(url));
    if (!args.get(url).contains("authentication=")) {
      login.append(";authentication=BASIC");
    }
    login.append(";avatica_user=").append(quoted(user));
    String password = valueAfter(args, "-p");
    if (password != null) {
      login.append(";avatica_password=").append(quoted(password));
    }
    List<String> result = new ArrayList<>(args);
    result.set(url, login.toString());
    return result;
  }

  private static String valueAfter(List<String> args, String flag) {
    int at = args.lastIndexOf(flag);
    return at < 0 || at + 1 >= args.size() ? null : args.get(at + 1);
  }

  /** A connect-string value in single quotes, a quote inside doubled. */
  private static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
