package ai.sendpilot.sql.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds a page's {@code pagination} without parsing the conversations, so the next request can
 * leave while this page is still being parsed. It looks for the last {@code "pagination"} key
 * (the API sends it after the conversations); a quote inside a JSON string is always escaped,
 * so the key cannot be mistaken for text. The full parse later confirms what was found.
 */
final class PageSkim {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] KEY = "\"pagination\"".getBytes(StandardCharsets.US_ASCII);

  private PageSkim() {
  }

  /**
   * The next page's token: present with a token, present and empty on the last page, absent
   * when the body does not say clearly (the full parse will then report what is wrong).
   */
  static Optional<Optional<String>> nextToken(byte[] body) {
    int colon = colonAfterLastKey(body);
    if (colon < 0) {
      return Optional.empty();
    }
    int from = colon + 1;
    try (JsonParser p = JSON.createParser(body, from, body.length - from)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      return pagination(p);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Index of the colon after the last {@code "pagination"} used as a key, or -1. */
  private static int colonAfterLastKey(byte[] body) {
    outer:
    for (int i = body.length - KEY.length; i >= 0; i--) {
      for (int j = 0; j < KEY.length; j++) {
        if (body[i + j] != KEY[j]) {
          continue outer;
        }
      }
      int colon = i + KEY.length;
      while (colon < body.length && Character.isWhitespace(body[colon])) {
        colon++;
      }
      if (colon < body.length && body[colon] == ':') {
        return colon;
      }
    }
    return -1;
  }

  private static Optional<Optional<String>> pagination(JsonParser p) throws IOException {
    String token = null;
    JsonToken hasMore = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if ("continuationToken".equals(name) && value == JsonToken.VALUE_STRING) {
        token = p.getText();
      } else if ("hasMore".equals(name)) {
        hasMore = value;
      } else {
        p.skipChildren();
      }
    }
    if (hasMore == JsonToken.VALUE_FALSE) {
      return Optional.of(Optional.empty());
    }
    if (hasMore == JsonToken.VALUE_TRUE && token != null && !token.isEmpty()) {
      return Optional.of(Optional.of(token));
    }
    return Optional.empty();
  }
}
