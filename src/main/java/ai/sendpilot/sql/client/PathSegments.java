package ai.sendpilot.sql.client;

import java.sql.SQLDataException;

/**
 * Which opaque ids may become a segment of a request path. {@code HttpUrl} encodes every
 * character that could end a segment ({@code /}, {@code ?}, {@code #}, {@code %} included), so
 * the server sees one literal segment; but it resolves dot segments, and servers and proxies
 * decode {@code %2e}: an id that is {@code .} or {@code ..}, as it is or once percent-decoded
 * (any number of times), or empty, would reach another path, and is refused.
 */
final class PathSegments {
  /** Decoding rounds looked through: {@code %252e} is {@code %2e} is {@code .}. */
  private static final int DECODING_ROUNDS = 4;

  private PathSegments() {
  }

  /**
   * {@code id}, when it is safe as a path segment; else throws an {@link IllegalArgumentException}
   * caused by a {@link SQLDataException} of SQLState {@code 22023} that names the value.
   *
   * @param column the column the id came from, for the message
   */
  static String conversationId(String id, String column) {
    String decoded = id;
    for (int round = 0; round <= DECODING_ROUNDS; round++) {
      if (decoded.isEmpty() || decoded.equals(".") || decoded.equals("..")) {
        throw refused(id, column);
      }
      String next = percentDecoded(decoded);
      if (next.equals(decoded)) {
        break;
      }
      decoded = next;
    }
    return id;
  }

  private static IllegalArgumentException refused(String id, String column) {
    String message = column + " '" + id + "' cannot name a conversation in a request: "
        + (id.isEmpty() ? "it is empty" : "it is a dot segment ('.' or '..', also once"
        + " percent-decoded)") + ", which would send the request to another path of the"
        + " SendPilot API. SendPilot conversation ids never are; check the value.";
    return new IllegalArgumentException(message, new SQLDataException(message, "22023"));
  }

  /** {@code s} with each valid {@code %XX} escape decoded (as Latin-1: only dots matter). */
  private static String percentDecoded(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()
          && Character.digit(s.charAt(i + 1), 16) >= 0
          && Character.digit(s.charAt(i + 2), 16) >= 0) {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
