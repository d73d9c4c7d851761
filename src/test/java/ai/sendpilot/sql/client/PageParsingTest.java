package ai.sendpilot.sql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast paths of page reading agree with the general ones. */
class PageParsingTest {
  private static Optional<Optional<String>> skim(String json) {
    return PageSkim.nextToken(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test void skimFindsTheTopLevelPagination() {
    assertEquals(Optional.of(Optional.of("t2")), skim("{\"conversations\":[{\"id\":\"c\","
        + "\"lastMessage\":{\"content\":\"say \\\"pagination\\\": {\\\"continuationToken\\\""
        + ":\\\"evil\\\"}\"}}],\"pagination\" : {\"limit\":1,\"continuationToken\":\"t2\","
        + "\"hasMore\":true,\"extra\":{\"a\":[1]}}}"));
    assertEquals(Optional.of(Optional.empty()),
        skim("{\"conversations\":[],\"pagination\":{\"hasMore\":false}}"));
  }

  @Test void skimSaysNothingWhenUnsure() {
    assertEquals(Optional.empty(), skim("{\"conversations\":[]}"));
    assertEquals(Optional.empty(), skim("{\"pagination\":{\"hasMore\":true}}"));
    assertEquals(Optional.empty(), skim("<html>pagination</html>"));
    assertEquals(Optional.empty(), skim("{\"pagination\":{\"hasMore\":true,\"continuationTo"));
  }

  @Test void timestampFastPathEqualsInstantParse() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L);
      if (instant.getEpochSecond() < 0) {
        instant = Instant.ofEpochMilli(-instant.toEpochMilli());
      }
      String text = instant.toString();
      if (text.length() == 24 || text.length() == 20) {
        assertEquals(instant, IsoInstantDeserializer.fastPath(text), text);
      }
    }
    assertEquals(Instant.parse("2024-02-29T23:59:59.999Z"),
        IsoInstantDeserializer.fastPath("2024-02-29T23:59:59.999Z"));
    assertEquals(Instant.parse("2024-02-24T15:30:00Z"),
        IsoInstantDeserializer.fastPath("2024-02-24T15:30:00Z"));
  }

  @Test void timestampFastPathLeavesOtherShapesToTheGeneralParser() {
    assertNull(IsoInstantDeserializer.fastPath("2023-02-29T00:00:00.000Z"));
    assertNull(IsoInstantDeserializer.fastPath("2024-02-24T15:30:00.123456Z"));
    assertNull(IsoInstantDeserializer.fastPath("2024-02-24T15:30:00.000+01:00"));
    assertNull(IsoInstantDeserializer.fastPath("2024-13-24T15:30:00.000Z"));
    assertNull(IsoInstantDeserializer.fastPath("2024-02-24 15:30:00.000Z"));
  }
}
