package ai.sendpilot.sql.config;

/**
 * Makes a value from a client or the API safe for one log line: control characters and
 * backslashes become visible escapes ({@code \n}, {@code \r}, {@code \t}, {@code \\},
 * {@code \u001b}), so no value can start a forged line; long values are cut. The one escaper
 * of both server endpoints.
 */
public final class LogText {
  private static final int MAX_LENGTH = 500;

  private LogText() {
  }

  /** {@code value} escaped and cut to a log line's share; {@code "?"} for null. */
  public static String of(Object value) {
    if (value == null) {
      return "?";
    }
    String text = String.valueOf(value);
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 16);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= MAX_LENGTH) {
        return out.append('…').toString();
      }
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
