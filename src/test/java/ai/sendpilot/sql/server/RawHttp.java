package ai.sendpilot.sql.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/** One HTTP/1.1 request over a plain or TLS socket, any method, for tests of the server's door. */
final class RawHttp {
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"?([^\",]*)\"?");

  /** A response: status, headers (lower-case names) and body. */
  record Response(int status, Map<String, String> headers, byte[] body) {
  }

  private final URI base;
  private final SSLContext tls;

  /** Requests to {@code base} ({@code http://host:port}), over TLS with {@code tls} if given. */
  RawHttp(String base, SSLContext tls) {
    this.base = URI.create(base);
    this.tls = tls;
  }

  /** Sends {@code method path} with the given extra header lines (or none) and body. */
  Response send(String method, String path, Map<String, String> headers, byte[] body)
      throws IOException {
    try (Socket socket = open()) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: "
          + base.getHost() + ":" + base.getPort() + "\r\nConnection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value)
          .append("\r\n"));
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read(socket.getInputStream());
    }
  }

  /** Sends the request with HTTP DIGEST credentials, answering the server's challenge. */
  Response sendDigest(String method, String path, String user, String password, byte[] body,
      Map<String, String> headers) throws IOException {
    Response challenge = send(method, path, headers, body);
    String header = challenge.headers().get("www-authenticate");
    if (challenge.status() != 401 || header == null) {
      return challenge;
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(header.substring(header.indexOf(' ') + 1));
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.get("realm");
    String nonce = params.get("nonce");
    String nc = "00000001";
    String cnonce = "0a4f113b";
    String ha1 = md5(user + ":" + realm + ":" + password);
    String ha2 = md5(method + ":" + path);
    String response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    String authorization = "Digest username=\"" + user + "\", realm=\"" + realm
        + "\", nonce=\"" + nonce + "\", uri=\"" + path + "\", qop=auth, nc=" + nc
        + ", cnonce=\"" + cnonce + "\", response=\"" + response + "\""
        + (params.containsKey("opaque") ? ", opaque=\"" + params.get("opaque") + "\"" : "");
    Map<String, String> withLogin = new LinkedHashMap<>(headers);
    withLogin.put("Authorization", authorization);
    return send(method, path, withLogin, body);
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  /** A socket connected to the server, TLS-wrapped if the server speaks TLS. */
  Socket open() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
    if (tls == null) {
      return socket;
    }
    return tls.getSocketFactory().createSocket(socket, base.getHost(), base.getPort(), true);
  }

  private static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    byte[] bytes = all.toByteArray();
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    byte[] body = new byte[0];
    if (end >= 0) {
      body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
    }
    return new Response(status, headers, body);
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
