package ai.sendpilot.sql.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SendPilot API key that never shows itself in {@code toString}, logs or messages. A key is
 * printable ASCII; what surrounds it when pasted (spaces of any kind, line breaks, zero-width
 * characters) is trimmed, and any other stray character is refused when the key is read, before
 * it can reach an HTTP header (whose validation would quote it).
 */
public final class ApiKey {
  private static final String REDACTED = "[redacted]";

  private final String value;
  /** The key in every spelling an echo may use; made when first needed. */
  private volatile Pattern spellings;

  private ApiKey(String value) {
    this.value = value;
  }

  /**
   * Wraps a key; empty keys, and keys with a character other than printable ASCII once trimmed,
   * are refused with a message that shows no part of the key.
   */
  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "value");
    String trimmed = trim(value);
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("The SendPilot API key is empty");
    }
    for (int i = 0; i < trimmed.length(); ) {
      int c = trimmed.codePointAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw new IllegalArgumentException("The SendPilot API key cannot be used: character "
            + (trimmed.codePointCount(0, i) + 1) + " is " + describe(c) + "; a key holds"
            + " printable ASCII characters only. Copy it again from the SendPilot dashboard"
            + " (Integrations > API Keys).");
      }
      i += Character.charCount(c);
    }
    return new ApiKey(trimmed);
  }

  /** The key in the text of a key file: the file must hold the key alone, on one line. */
  public static ApiKey fromFile(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = trim(text);
    if (trimmed.indexOf('\n') >= 0 || trimmed.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("The key file has more than one line; it must hold the"
          + " SendPilot API key alone, on one line.");
    }
    return of(trimmed);
  }

  /** The secret itself, for the {@code X-API-Key} header only. */
  String reveal() {
    return value;
  }

  /**
   * {@code text} with every occurrence of the key replaced by {@code [redacted]}, in any
   * spelling an API, a proxy or a library may echo it in: any case; each character as itself,
   * percent-encoded ({@code %4b} or {@code %4B}), JSON- or Java-escaped (a backslash, {@code u}
   * and four hex digits; a backslash before {@code /}), in any mix; and base64 (standard or
   * URL-safe, at any offset inside a longer encoded text, such as {@code Basic} credentials).
   */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    Pattern p = spellings;
    if (p == null) {
      p = spellings();
      spellings = p;
    }
    return p.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED));
  }

  private Pattern spellings() {
    List<String> alternatives = new ArrayList<>();
    StringBuilder characters = new StringBuilder();
    for (char c : value.toCharArray()) {
      String hex = String.format(Locale.ROOT, "%02x", (int) c);
      characters.append("(?:").append(Pattern.quote(String.valueOf(c)))
          .append("|%").append(hex).append("|\\\\u00").append(hex);
      if (c == '/' || c == '"' || c == '\\') {
        characters.append("|\\\\").append(Pattern.quote(String.valueOf(c)));
      }
      characters.append(')');
    }
    alternatives.add(characters.toString());
    byte[] key = value.getBytes(StandardCharsets.US_ASCII);
    for (int offset = 0; offset < 3; offset++) {
      byte[] shifted = new byte[offset + key.length];
      System.arraycopy(key, 0, shifted, offset, key.length);
      String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      // Only the characters made of the key's bits alone, whatever surrounds it.
      int from = (8 * offset + 5) / 6;
      int to = 8 * (offset + key.length) / 6;
      if (to - from >= 4) {
        String fragment = encoded.substring(from, to);
        alternatives.add(Pattern.quote(fragment));
        alternatives.add(Pattern.quote(fragment.replace('+', '-').replace('/', '_')));
      }
    }
    return Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE);
  }

  /** A stable identity for sharing per-key resources, without the key. */
  public int fingerprint() {
    return value.hashCode();
  }

  @Override public boolean equals(Object o) {
    return o instanceof ApiKey && ((ApiKey) o).value.equals(value);
  }

  @Override public int hashCode() {
    return value.hashCode();
  }

  @Override public String toString() {
    return "ApiKey[redacted]";
  }

  /** {@code text} without the invisible characters around it. */
  private static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && invisible(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && invisible(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }

  /** Spaces of any kind, line breaks and zero-width characters (such as a byte order mark). */
  private static boolean invisible(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c)
        || Character.getType(c) == Character.FORMAT;
  }

  /** E.g. {@code U+00A0 (no-break space)}. */
  private static String describe(int c) {
    String name = Character.getName(c);
    return String.format(Locale.ROOT, "U+%04X", c)
        + (name == null ? "" : " (" + name.toLowerCase(Locale.ROOT) + ")");
  }
}
