package ai.sendpilot.sql.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A bare protocol client for tests: writes any bytes, reads messages as they come. */
final class RawPg implements AutoCloseable {
  /** A backend message. */
  record Message(char type, byte[] body) {
    /** The fields of an ErrorResponse or NoticeResponse by their code. */
    Map<Character, String> fields() {
      Map<Character, String> fields = new HashMap<>();
      int i = 0;
      while (i < body.length && body[i] != 0) {
        char code = (char) body[i++];
        int end = i;
        while (body[end] != 0) {
          end++;
        }
        fields.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
        i = end + 1;
      }
      return fields;
    }
  }

  final Socket socket;
  final DataInputStream in;
  final DataOutputStream out;

  RawPg(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(20_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  static byte[] startupMessage(String... nameValues) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String s : nameValues) {
      body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      body.write(0);
    }
    body.write(0);
    byte[] pairs = body.toByteArray();
    byte[] message = new byte[8 + pairs.length];
    int length = message.length;
    message[0] = (byte) (length >>> 24);
    message[1] = (byte) (length >>> 16);
    message[2] = (byte) (length >>> 8);
    message[3] = (byte) length;
    message[5] = 3;
    System.arraycopy(pairs, 0, message, 8, pairs.length);
    return message;
  }

  /** A typed frontend message. */
  static byte[] message(char type, byte[] body) {
    byte[] message = new byte[5 + body.length];
    message[0] = (byte) type;
    int length = 4 + body.length;
    message[1] = (byte) (length >>> 24);
    message[2] = (byte) (length >>> 16);
    message[3] = (byte) (length >>> 8);
    message[4] = (byte) length;
    System.arraycopy(body, 0, message, 5, body.length);
    return message;
  }

  static byte[] cstring(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    return out;
  }

  RawPg send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Starts a trusted session of {@code user} and reads up to its first ReadyForQuery. */
  RawPg login(String user) throws IOException {
    send(startupMessage("user", user, "database", "sendpilot"));
    Message m;
    do {
      m = read();
      if (m.type() == 'E') {
        throw new IOException("login failed: " + m.fields());
      }
    } while (m.type() != 'Z');
    return this;
  }

  int readByte() throws IOException {
    return in.read();
  }

  Message read() throws IOException {
    char type = (char) in.readUnsignedByte();
    int length = in.readInt();
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message(type, body);
  }

  /** Reads until the server closes the connection; the last ErrorResponse seen, or null. */
  Message readUntilClosed() throws IOException {
    Message error = null;
    try {
      while (true) {
        Message m = read();
        if (m.type() == 'E') {
          error = m;
        }
      }
    } catch (EOFException | SocketTimeoutException e) {
      if (e instanceof SocketTimeoutException) {
        throw e;
      }
      return error;
    } catch (IOException e) {
      return error;
    }
  }

  @Override public void close() throws IOException {
    socket.close();
  }
}
