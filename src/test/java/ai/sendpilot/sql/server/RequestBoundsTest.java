package ai.sendpilot.sql.server;

import static ai.sendpilot.sql.server.TestServers.ALICE;
import static ai.sendpilot.sql.server.TestServers.ALICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.Jdbc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests cannot take the server's memory or time: bodies over the cap get 413 before they are
 * read, bodies without a login are never read, and hundreds of clients dripping their requests
 * a byte at a time neither starve {@code /health} nor other users, and are closed.
 */
class RequestBoundsTest {
  private static final long CAP = 64 * 1024;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path dir;
  private InboxSimulator sim;
  private TeamServer server;
  private RawHttp http;

  @BeforeEach void start() throws Exception {
    sim = new InboxSimulator(SimulatorConfig.builder().seed(9).conversations(100).build())
        .start();
    server = TestServers.start(sim, Auth.BASIC, TestServers.usersFile(dir), null, null,
        TestServers.generousLimits(), new RequestLimits(CAP, READ_TIMEOUT, 512,
            Duration.ofSeconds(300)));
    http = new RawHttp(server.url(), null);
  }

  @AfterEach void stop() {
    server.close();
    sim.close();
  }

  @Test void aDeclaredBodyOverTheCapGets413BeforeItIsSent() throws Exception {
    try (Socket socket = http.open()) {
      socket.setSoTimeout(10_000);
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nAuthorization: "
          + RawHttp.basic(ALICE, ALICE_PASSWORD) + "\r\nContent-Type: application/octet-stream"
          + "\r\nContent-Length: 629145600\r\n\r\n");
      assertEquals("HTTP/1.1 413", statusLine(socket.getInputStream()).substring(0, 12));
      assertTrue(closedByServer(socket));
    }
  }

  @Test void aChunkedBodyIsCutAtTheCap() throws Exception {
    try (Socket socket = http.open()) {
      socket.setSoTimeout(10_000);
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nAuthorization: "
          + RawHttp.basic(ALICE, ALICE_PASSWORD) + "\r\nContent-Type: application/octet-stream"
          + "\r\nTransfer-Encoding: chunked\r\n\r\n");
      byte[] chunk = new byte[8192];
      String head = Integer.toHexString(chunk.length) + "\r\n";
      OutputStream out = socket.getOutputStream();
      long sent = 0;
      try {
        while (sent <= 4 * CAP) {
          out.write(head.getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          sent += chunk.length;
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } catch (IOException closedEarly) {
        // The server answered and closed while the body was still coming.
      }
      assertEquals("HTTP/1.1 413", statusLine(socket.getInputStream()).substring(0, 12));
    }
  }

  @Test void aBodyWithoutALoginIsNeverRead() throws Exception {
    try (Socket socket = http.open()) {
      socket.setSoTimeout(10_000);
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream"
          + "\r\nContent-Length: 629145600\r\n\r\n");
      assertEquals("HTTP/1.1 401", statusLine(socket.getInputStream()).substring(0, 12));
      assertTrue(closedByServer(socket));
    }
    try (Socket socket = http.open()) {
      socket.setSoTimeout(10_000);
      send(socket, "POST / HTTP/1.1\r\nHost: x\r\nAuthorization: "
          + RawHttp.basic(ALICE, "wrong") + "\r\nContent-Length: 629145600\r\n\r\n");
      assertEquals("HTTP/1.1 401", statusLine(socket.getInputStream()).substring(0, 12));
      assertTrue(closedByServer(socket));
    }
  }

  @Test void drippingClientsStarveNoOneAndAreClosed() throws Exception {
    List<Socket> drippers = new ArrayList<>();
    List<byte[]> streams = new ArrayList<>();
    try {
      for (int i = 0; i < 260; i++) {
        Socket socket = http.open();
        drippers.add(socket);
        streams.add((i % 2 == 0
            ? "GET /health HTTP/1.1\r\nHost: x\r\n" + "X-Padding: y\r\n".repeat(500)
            : "POST / HTTP/1.1\r\nHost: x\r\nAuthorization: " + RawHttp.basic(ALICE,
                ALICE_PASSWORD) + "\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: 5000\r\n\r\n" + "z".repeat(5000))
            .getBytes(StandardCharsets.US_ASCII));
      }
      Thread drip = new Thread(() -> {
        for (int at = 0; !Thread.currentThread().isInterrupted(); at++) {
          for (int i = 0; i < drippers.size(); i++) {
            try {
              drippers.get(i).getOutputStream().write(streams.get(i)[at]);
            } catch (IOException | ArrayIndexOutOfBoundsException closed) {
              // closed by the server: what the test waits for
            }
          }
          try {
            Thread.sleep(400);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "dripper");
      drip.setDaemon(true);
      drip.start();
      try {
        RawHttp.Response health = http.send("GET", "/health", Map.of(), null);
        assertEquals(200, health.status());
        try (Connection c = TestServers.remote(server, ALICE, ALICE_PASSWORD)) {
          assertEquals(List.of("100"), Jdbc.rows(c, "select count(*) from conversations"));
        }
        assertEquals(200, http.send("GET", "/health", Map.of(), null).status());
        for (Socket socket : drippers) {
          socket.setSoTimeout((int) READ_TIMEOUT.multipliedBy(10).toMillis());
          assertTrue(closedByServer(socket), "a dripping client was never closed");
        }
      } finally {
        drip.interrupt();
      }
    } finally {
      for (Socket socket : drippers) {
        socket.close();
      }
    }
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }

  /** Whether the server closed the connection (reading to its end) within the socket timeout. */
  private static boolean closedByServer(Socket socket) {
    try {
      byte[] buffer = new byte[4096];
      InputStream in = socket.getInputStream();
      while (in.read(buffer) != -1) {
        // the rest of an answer, if any
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
