package ai.sendpilot.sql.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta.Frame;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/** Avatica's protobuf calls sent as they are, any ids included, as one user: a hand-made client. */
final class AvaticaWire {
  private static final ProtobufTranslation PROTOBUF = new ProtobufTranslationImpl();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI url;
  private final String authorization;

  AvaticaWire(TeamServer server, String user, String password) {
    this.url = URI.create(server.url() + "/");
    this.authorization = RawHttp.basic(user, password);
  }

  /** The server's answer to {@code request}: its response, or its {@code ErrorResponse}. */
  Service.Response call(Service.Request request) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url)
        .header("Authorization", authorization)
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(PROTOBUF.serializeRequest(request)))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    return PROTOBUF.parseResponse(response.body());
  }

  /** The rows of a frame, each as its list of values. */
  static List<String> rows(Frame frame) {
    List<String> rows = new ArrayList<>();
    for (Object row : frame.rows) {
      rows.add(String.valueOf(row));
    }
    return rows;
  }
}
