package ai.sendpilot.sql.pgwire;

/** Client-given text made safe for one log line: control characters escaped, length capped. */
final class LogText {
  private static final int MAX = 2000;

  private LogText() {
  }

  static String of(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 16);
    for (int i = 0; i < text.length() && out.length() < MAX; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return text.length() > MAX ? out + "…(" + text.length() + " chars)" : out.toString();
  }
}
