package ai.sendpilot.sql.demo;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Reversible conversation ids: 16 bytes, base64url without padding (22 characters, like
 * {@code 2-OVp-y-UNyFXBYvx0FqmQ}), holding a seed-keyed scramble of the index and a check word,
 * so an id maps back to its index without any lookup table.
 */
final class ConversationIds {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private final long seed;
  private final long offset;
  private final long count;

  ConversationIds(long seed, long count) {
    this.seed = seed;
    this.offset = Mix.hash(seed, 0x1D5L);
    this.count = count;
  }

  String id(long k) {
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(Mix.mix64(k + offset));
    bytes.putLong(check(k));
    return ENCODER.encodeToString(bytes.array());
  }

  /** The index of the conversation with this id, or -1 when no conversation has it. */
  long index(String id) {
    if (id == null || id.length() != 22) {
      return -1;
    }
    byte[] raw;
    try {
      raw = DECODER.decode(id);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    ByteBuffer bytes = ByteBuffer.wrap(raw);
    long k = Mix.unmix64(bytes.getLong()) - offset;
    boolean valid = k >= 0 && k < count && bytes.getLong() == check(k) && id.equals(id(k));
    return valid ? k : -1;
  }

  private long check(long k) {
    return Mix.hash(seed, k, 0xC4EC4L);
  }
}
