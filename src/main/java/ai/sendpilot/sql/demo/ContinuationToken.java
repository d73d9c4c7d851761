package ai.sendpilot.sql.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque paging cursor: base64 of {@code {"continuation":"<position>"}}. The optional
 * {@code resume} field makes a token distinct from an earlier one for the same position (as
 * after an empty page), so clients that detect repeated tokens do not see a loop.
 *
 * @param position index of the next item to serve
 * @param resume 0, or a nonce that distinguishes this token from others at the same position
 */
public record ContinuationToken(long position, long resume) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ContinuationToken {
    if (position < 0 || resume < 0) {
      throw new IllegalArgumentException("negative position or resume");
    }
  }

  public static ContinuationToken at(long position) {
    return new ContinuationToken(position, 0);
  }

  public String encode() {
    ObjectNode node = JSON.createObjectNode().put("continuation", Long.toString(position));
    if (resume != 0) {
      node.put("resume", resume);
    }
    return Base64.getEncoder().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes a token (standard or URL-safe base64; a space is read as a '+' lost to form
   * decoding).
   *
   * @throws IllegalArgumentException when the text is not a token this API issued
   */
  public static ContinuationToken decode(String token) {
    try {
      String text = token.trim().replace(' ', '+');
      byte[] raw = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
      JsonNode node = JSON.readTree(new String(raw, StandardCharsets.UTF_8));
      JsonNode continuation = node == null ? null : node.get("continuation");
      if (continuation == null || !continuation.isTextual()
          || !continuation.asText().matches("[0-9]{1,18}")) {
        throw new IllegalArgumentException("no numeric continuation");
      }
      JsonNode resume = node.get("resume");
      long nonce = resume == null ? 0 : resume.asLong(-1);
      return new ContinuationToken(Long.parseLong(continuation.asText()), nonce);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Invalid continuation token", e);
    }
  }
}
