package ai.sendpilot.sql.pgwire;

import java.nio.charset.StandardCharsets;

/** Reads the fields of one message body, failing as a protocol violation when it is short. */
final class MessageReader {
  private final byte[] body;
  private final char type;
  private int position;

  MessageReader(byte[] body, char type) {
    this.body = body;
    this.type = type;
  }

  int int32() {
    need(4);
    int value = ((body[position] & 0xff) << 24) | ((body[position + 1] & 0xff) << 16)
        | ((body[position + 2] & 0xff) << 8) | (body[position + 3] & 0xff);
    position += 4;
    return value;
  }

  int int16() {
    need(2);
    int value = (short) (((body[position] & 0xff) << 8) | (body[position + 1] & 0xff));
    position += 2;
    return value;
  }

  /** A count that is a 16-bit field and cannot be negative. */
  int count16() {
    int count = int16();
    if (count < 0) {
      throw failure("a negative count");
    }
    return count;
  }

  byte byte1() {
    need(1);
    return body[position++];
  }

  /** A NUL-terminated UTF-8 string. */
  String cstring() {
    int end = position;
    while (end < body.length && body[end] != 0) {
      end++;
    }
    if (end == body.length) {
      throw failure("a string without its terminating zero byte");
    }
    String value = new String(body, position, end - position, StandardCharsets.UTF_8);
    position = end + 1;
    return value;
  }

  byte[] bytes(int length) {
    if (length < 0) {
      throw failure("a negative length");
    }
    need(length);
    byte[] value = new byte[length];
    System.arraycopy(body, position, value, 0, length);
    position += length;
    return value;
  }

  boolean atEnd() {
    return position == body.length;
  }

  /** Fails unless every byte of the body was read. */
  void end() {
    if (!atEnd()) {
      throw failure((body.length - position) + " unexpected trailing bytes");
    }
  }

  private void need(int count) {
    if (body.length - position < count) {
      throw failure("fewer bytes than its fields need");
    }
  }

  private ProtocolException failure(String what) {
    return new ProtocolException("invalid " + MessageReader.describe(type) + " message: "
        + what);
  }

  static String describe(char type) {
    return type == FrontendMessage.STARTUP ? "startup" : "'" + printable(type) + "'";
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
  }
}
