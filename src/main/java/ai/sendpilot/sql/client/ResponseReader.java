package ai.sendpilot.sql.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads the API's JSON: the envelope of a conversations page, and the error body of a failed
 * request; what it cannot accept becomes an {@link ApiErrors} failure. JSON is read strictly: a
 * key twice in one object, a fraction where a count belongs, or more conversations than asked
 * for fail the page. Every text of the API it passes on (its message, a snippet of its body, a
 * parser's complaint about it) goes through one redaction, which removes the key.
 */
final class ResponseReader {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new SimpleModule("sendpilot-timestamps")
          .addDeserializer(Instant.class, new IsoInstantDeserializer()))
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectReader PAGE_READER = MAPPER.readerFor(ConversationsResponse.class);
  private static final ObjectReader MESSAGES_READER = MAPPER.readerFor(MessagesResponse.class);
  private static final Clock CLOCK = Clock.systemUTC();
  /** The deserialization attribute holding the most conversations a page may hold. */
  private static final String LIMIT = "sendpilot.pageLimit";

  private final UnaryOperator<String> redact;

  /** A reader whose messages pass every text of the API through {@code redact}. */
  ResponseReader(UnaryOperator<String> redact) {
    this.redact = redact;
  }

  /** Throws the API's failure when {@code status} is not a success (2xx). */
  void requireSuccess(String request, int status, byte[] body, String retryAfter) {
    if (status < 200 || status > 299) {
      throw ApiErrors.forStatus(status, request, apiMessage(body),
          RetryAfter.parse(retryAfter, CLOCK));
    }
  }

  /**
   * The envelope of a conversations page; throws when the body cannot be read or holds more
   * than {@code limit} conversations (found while reading, not after).
   */
  ConversationsResponse conversations(String request, int status, byte[] body, int limit) {
    try {
      return PAGE_READER.withAttribute(LIMIT, limit).readValue(body);
    } catch (IOException e) {
      // Jackson wraps what a deserializer throws: the limit's failure is found among causes.
      if (causedBy(e, TooManyItems.class)) {
        throw ApiErrors.tooManyConversations(request, limit);
      }
      throw ApiErrors.malformedBody(request, status, redact.apply(ApiErrors.reason(e)),
          ApiErrors.snippet(body, redact), redacted(e));
    }
  }

  /**
   * The envelope of a messages page, as a page; throws when the body cannot be read or holds
   * more than {@code limit} messages.
   */
  MessagesResponse messages(String request, int status, byte[] body, int limit) {
    try {
      return MESSAGES_READER.withAttribute(LIMIT, limit).readValue(body);
    } catch (IOException e) {
      if (causedBy(e, TooManyItems.class)) {
        throw ApiErrors.tooManyMessages(request, limit);
      }
      throw ApiErrors.malformedBody(request, status, redact.apply(ApiErrors.reason(e)),
          ApiErrors.snippet(body, redact), redacted(e));
    }
  }

  /** The message of the error body the API documents ({@code {statusCode, message, error}}). */
  private String apiMessage(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node != null && node.isObject() && node.hasNonNull("message")) {
        JsonNode message = node.get("message");
        if (message.isArray()) {
          StringBuilder joined = new StringBuilder();
          message.forEach(m -> joined.append(joined.length() == 0 ? "" : "; ")
              .append(m.asText()));
          return redact.apply(joined.toString());
        }
        return redact.apply(message.asText());
      }
    } catch (IOException ignored) {
      // not JSON: fall through to a snippet of the body
    }
    return ApiErrors.snippet(body, redact);
  }

  /** {@code e}, or when its message holds the key, a stand-in without it. */
  private Throwable redacted(IOException e) {
    String message = e.getMessage();
    String clean = redact.apply(message);
    if (clean == null || clean.equals(message)) {
      return e;
    }
    IOException standIn = new IOException(e.getClass().getName() + ": " + clean);
    standIn.setStackTrace(e.getStackTrace());
    return standIn;
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** The JSON envelope of the conversations endpoint. */
  record ConversationsResponse(
      @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL)
      @JsonDeserialize(using = ConversationList.class)
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

  /** The JSON envelope of the messages endpoint. */
  record MessagesResponse(String conversationId,
      @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL)
      @JsonDeserialize(using = MessageList.class)
      List<Message> messages,
      Pagination pagination) {
    /** The page this envelope holds; throws when it cannot be paged on safely. */
    MessagePage toPage(String request) {
      if (messages == null || messages.contains(null)) {
        throw ApiErrors.missingMessages(request);
      }
      boolean hasMore = pagination != null && Boolean.TRUE.equals(pagination.hasMore());
      String token = pagination == null ? null : pagination.continuationToken();
      if (hasMore && (token == null || token.isEmpty())) {
        throw ApiErrors.hasMoreWithoutToken(request);
      }
      return new MessagePage(conversationId, messages, hasMore ? token : null, hasMore);
    }
  }

  /** The {@code pagination} object of a page. */
  record Pagination(String continuationToken, Integer limit, Boolean hasMore) {
  }

  /**
   * Reads a page's array of items, failing at the first item past the limit the request asked
   * for: a page of a million rows is refused, not first built.
   */
  abstract static class CappedList<T> extends StdDeserializer<List<T>> {
    private static final long serialVersionUID = 1L;
    private final Class<T> itemType;

    CappedList(Class<T> itemType) {
      super(List.class);
      this.itemType = itemType;
    }

    @Override public List<T> deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      JavaType listType = ctxt.getTypeFactory().constructCollectionType(ArrayList.class, itemType);
      if (!p.isExpectedStartArrayToken()) {
        @SuppressWarnings("unchecked")
        List<T> unexpected = (List<T>) ctxt.handleUnexpectedToken(listType, p);
        return unexpected;
      }
      Object limitAttribute = ctxt.getAttribute(LIMIT);
      int limit = limitAttribute instanceof Integer ? (Integer) limitAttribute : Integer.MAX_VALUE;
      JsonDeserializer<Object> element =
          ctxt.findRootValueDeserializer(ctxt.constructType(itemType));
      List<T> items = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == null) {
          return ctxt.reportInputMismatch(listType, "end of input inside the page's items");
        }
        if (items.size() == limit) {
          throw new TooManyItems();
        }
        items.add(t == JsonToken.VALUE_NULL ? null : itemType.cast(element.deserialize(p, ctxt)));
      }
      return items;
    }
  }

  /** Reads the {@code conversations} array of a page. */
  static final class ConversationList extends CappedList<Conversation> {
    private static final long serialVersionUID = 1L;

    ConversationList() {
      super(Conversation.class);
    }
  }

  /** Reads the {@code messages} array of a page. */
  static final class MessageList extends CappedList<Message> {
    private static final long serialVersionUID = 1L;

    MessageList() {
      super(Message.class);
    }
  }

  /** A page held more items than asked for; thrown while reading it. */
  private static final class TooManyItems extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyItems() {
      super("more items than asked for", null, false, false);
    }
  }
}
