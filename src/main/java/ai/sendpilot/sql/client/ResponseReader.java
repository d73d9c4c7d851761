package ai.sendpilot.sql.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Reads the API's JSON: the envelope of a conversations page, and the error body of a failed
 * request; what it cannot accept becomes an {@link ApiErrors} failure.
 */
final class ResponseReader {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new SimpleModule("sendpilot-timestamps")
          .addDeserializer(Instant.class, new IsoInstantDeserializer()))
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectReader PAGE_READER = MAPPER.readerFor(ConversationsResponse.class);
  private static final Clock CLOCK = Clock.systemUTC();

  private ResponseReader() {
  }

  /** Throws the API's failure when {@code status} is not a success (2xx). */
  static void requireSuccess(String request, int status, byte[] body, String retryAfter) {
    if (status < 200 || status > 299) {
      throw ApiErrors.forStatus(status, request, apiMessage(body),
          RetryAfter.parse(retryAfter, CLOCK));
    }
  }

  /** The envelope of a conversations page; throws when the body cannot be read. */
  static ConversationsResponse conversations(String request, int status, byte[] body) {
    try {
      return PAGE_READER.readValue(body);
    } catch (IOException e) {
      throw ApiErrors.malformedBody(request, status, body, e);
    }
  }

  /** The message of the error body the API documents ({@code {statusCode, message, error}}). */
  private static String apiMessage(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node != null && node.isObject() && node.hasNonNull("message")) {
        JsonNode message = node.get("message");
        if (message.isArray()) {
          StringBuilder joined = new StringBuilder();
          message.forEach(m -> joined.append(joined.length() == 0 ? "" : "; ")
              .append(m.asText()));
          return joined.toString();
        }
        return message.asText();
      }
    } catch (IOException ignored) {
      // not JSON: fall through to a snippet of the body
    }
    return ApiErrors.snippet(body);
  }

  /** The JSON envelope of the conversations endpoint. */
  record ConversationsResponse(
      @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL)
      List<Conversation> conversations,
      Pagination pagination) {
    /** The page this envelope holds; throws when it cannot be paged on safely. */
    ConversationPage toPage(String request) {
      if (conversations == null) {
        throw ApiErrors.missingConversations(request);
      }
      if (conversations.contains(null)) {
        throw ApiErrors.nullConversation(request);
      }
      boolean hasMore = pagination != null && Boolean.TRUE.equals(pagination.hasMore());
      String token = pagination == null ? null : pagination.continuationToken();
      if (hasMore && (token == null || token.isEmpty())) {
        throw ApiErrors.hasMoreWithoutToken(request);
      }
      return new ConversationPage(conversations, hasMore ? token : null, hasMore);
    }
  }

  /** The {@code pagination} object of a page. */
  record Pagination(String continuationToken, Integer limit, Boolean hasMore) {
  }
}
