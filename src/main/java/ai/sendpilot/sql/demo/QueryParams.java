package ai.sendpilot.sql.demo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Query-string parsing and the validation rules shared by the endpoints. */
final class QueryParams {
  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  /** Parses a raw (still percent-encoded) query; the first value of a repeated name wins. */
  static QueryParams parse(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.putIfAbsent(name, value);
      }
    }
    return new QueryParams(values);
  }

  /** The value, or null when absent or empty. */
  String get(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** {@code limit} as an integer in 1..100, or the default when absent. */
  int limit(int defaultLimit) {
    String raw = values.get("limit");
    if (raw == null) {
      return defaultLimit;
    }
    if (!raw.matches("[0-9]{1,3}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > 100) {
      throw ApiException.badRequest("limit must be an integer between 1 and 100");
    }
    return Integer.parseInt(raw);
  }

  /** The continuation token's position (0 without a token), at most {@code max}. */
  ContinuationToken token(long max) {
    String raw = get("continuationToken");
    if (raw == null) {
      return ContinuationToken.at(0);
    }
    try {
      ContinuationToken token = ContinuationToken.decode(raw);
      if (token.position() > max) {
        throw ApiException.badRequest("Invalid continuation token");
      }
      return token;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Invalid continuation token");
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Malformed query string");
    }
  }
}
