package ai.sendpilot.sql.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads the API's timestamps. The API always writes {@code yyyy-MM-ddTHH:mm:ss.SSSZ}; that shape
 * is read directly (a page holds hundreds, and the general ISO parser dominated the cost of a
 * page), anything else goes to {@link Instant#parse}. Years outside 0000 to 9999 are refused:
 * SQL cannot show them (they would show as another year, or overflow).
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {
  private static final long serialVersionUID = 1L;
  /** The first and last instants of the years a SQL TIMESTAMP shows (0000 to 9999). */
  private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  IsoInstantDeserializer() {
    super(Instant.class);
  }

  @Override public Instant deserialize(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    }
    String text = p.getText().strip();
    Instant fast = fastPath(text);
    if (fast != null) {
      return fast;
    }
    Instant parsed;
    try {
      parsed = Instant.parse(text);
    } catch (DateTimeParseException e) {
      return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
          "not an ISO-8601 instant");
    }
    if (parsed.isBefore(FIRST) || parsed.isAfter(LAST)) {
      return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
          "a timestamp outside the years 0000 to 9999, which SQL cannot show");
    }
    return parsed;
  }

  /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ} or {@code yyyy-MM-ddTHH:mm:ssZ}; null for other shapes. */
  static Instant fastPath(String s) {
    int n = s.length();
    if ((n != 24 && n != 20) || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z' || (n == 24 && s.charAt(19) != '.')) {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int millis = n == 24 ? digits(s, 20, 3) : 0;
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
      return null;
    }
    try {
      long days = LocalDate.of(year, month, day).toEpochDay();
      long secondsOfDay = hour * 3600L + minute * 60L + second;
      return Instant.ofEpochSecond(days * 86_400 + secondsOfDay, millis * 1_000_000L);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
