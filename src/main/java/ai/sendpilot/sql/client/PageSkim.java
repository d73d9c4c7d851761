package ai.sendpilot.sql.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds a page's {@code pagination} without building the conversations, so the next request can
 * leave while this page is still being parsed.
 */
final class PageSkim {
  private static final JsonFactory JSON = new JsonFactory();

  private PageSkim() {
  }

  /**
   * The next page's token: present with a token, present and empty on the last page, absent
   * when the body does not say clearly (the full parse will then report what is wrong).
   */
  static Optional<Optional<String>> nextToken(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("pagination".equals(name) && value == JsonToken.START_OBJECT) {
          return pagination(p);
        }
        p.skipChildren();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
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
