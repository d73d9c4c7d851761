package ai.sendpilot.sql.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A hostile HTTP/1.1 server on 127.0.0.1 that writes whatever bytes a test wants, for as long as
 * it wants (forever, if the client lets it): each connection serves one request and is closed.
 */
final class RawHttpServer implements AutoCloseable {
  /** Writes the answer to one request. */
  @FunctionalInterface
  interface Answer {
    /**
     * Answers one request.
     *
     * @param requestLine e.g. {@code GET /v1/inbox/conversations?limit=100 HTTP/1.1}
     * @param out the socket's output, raw
     */
    void write(String requestLine, OutputStream out) throws IOException;
  }

  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "raw-http-server");
    t.setDaemon(true);
    return t;
  });
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  RawHttpServer(Answer answer) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(() -> {
      while (!socket.isClosed()) {
        try {
          Socket client = socket.accept();
          open.add(client);
          threads.execute(() -> serve(client, answer));
        } catch (IOException closed) {
          return;
        }
      }
    });
  }

  private void serve(Socket client, Answer answer) {
    try (client) {
      BufferedReader in = new BufferedReader(
          new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
      String requestLine = in.readLine();
      if (requestLine == null) {
        // The client hung up before asking anything (a request it gave up): no request.
        return;
      }
      String header = requestLine;
      while (header != null && !header.isEmpty()) {
        header = in.readLine();
      }
      requestLines.add(requestLine);
      answer.write(requestLine, client.getOutputStream());
      client.getOutputStream().flush();
    } catch (IOException clientGone) {
      // the client hung up: what a hostile server expects
    } finally {
      open.remove(client);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** The request lines received so far. */
  List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  @Override public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      s.close();
    }
    threads.shutdownNow();
  }
}
