package ai.sendpilot.sql.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** A response about to be written: status, JSON body bytes and extra headers. */
record HttpReply(int status, byte[] body, Map<String, String> headers) {
  private static final ObjectMapper JSON = new ObjectMapper();

  HttpReply {
    body = body.clone();
    headers = Map.copyOf(headers);
  }

  static HttpReply json(int status, Object value) {
    try {
      return new HttpReply(status, JSON.writeValueAsBytes(value), Map.of());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HttpReply error(int status, String message, String error) {
    return json(status, new InboxJson.Error(status, message, error));
  }

  HttpReply withHeader(String name, String value) {
    Map<String, String> merged = new HashMap<>(headers);
    merged.put(name, value);
    return new HttpReply(status, body, merged);
  }

  /** Status 200 and the first half of this body: JSON that ends mid-document. */
  HttpReply truncated() {
    return new HttpReply(200, Arrays.copyOf(body, Math.max(1, body.length / 2)), headers);
  }

  @Override public byte[] body() {
    return body.clone();
  }
}
