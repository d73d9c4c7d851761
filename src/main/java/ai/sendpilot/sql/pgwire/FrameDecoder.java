package ai.sendpilot.sql.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the byte stream into {@link FrontendMessage}s: untyped packets until the startup
 * message, typed ones after it. A length over the cap fails before a byte of the body is read.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  /** PostgreSQL's own cap on a startup packet. */
  static final int MAX_STARTUP_BYTES = 10_000;
  static final int SSL_REQUEST = 80_877_103;

  private volatile boolean startupPhase = true;
  private volatile int maxBodyBytes = MAX_STARTUP_BYTES;

  /** After the startup message: typed messages, at most {@code maxBodyBytes} long. */
  void typedMessages(int maxBody) {
    startupPhase = false;
    this.maxBodyBytes = maxBody;
  }

  void maxBodyBytes(int maxBody) {
    this.maxBodyBytes = maxBody;
  }

  @Override protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (startupPhase) {
      decodeStartup(in, out);
    } else {
      decodeTyped(in, out);
    }
  }

  private void decodeStartup(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 4) {
      return;
    }
    int length = in.getInt(in.readerIndex());
    if (length < 8 || length > MAX_STARTUP_BYTES) {
      throw new ProtocolException("invalid length of startup packet: " + length);
    }
    if (in.readableBytes() < length) {
      return;
    }
    in.skipBytes(4);
    byte[] body = new byte[length - 4];
    in.readBytes(body);
    if (in.isReadable()
        && new MessageReader(body, FrontendMessage.STARTUP).int32() == SSL_REQUEST) {
      // Bytes sent after SSLRequest before the answer would bypass TLS (CVE-2021-23214).
      throw new ProtocolException("received unencrypted data after SSL request");
    }
    out.add(new FrontendMessage(FrontendMessage.STARTUP, body));
  }

  private void decodeTyped(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 5) {
      return;
    }
    int start = in.readerIndex();
    char type = (char) (in.getByte(start) & 0xff);
    int length = in.getInt(start + 1);
    if (length < 4) {
      throw new ProtocolException("invalid message length " + length + " for message type "
          + MessageReader.describe(type));
    }
    if (length - 4 > maxBodyBytes) {
      throw new ProtocolException("54000", "message of type " + MessageReader.describe(type)
          + " is " + (length - 4L) + " bytes long; this server accepts at most " + maxBodyBytes);
    }
    if (in.readableBytes() < 1 + length) {
      return;
    }
    in.skipBytes(5);
    byte[] body = new byte[length - 4];
    in.readBytes(body);
    out.add(new FrontendMessage(type, body));
  }
}
