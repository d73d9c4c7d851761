package ai.sendpilot.sql.server;

import java.io.IOException;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;

/**
 * Avatica's protobuf protocol over a request body already read: decodes the call, runs it on
 * the service and encodes the answer, or, when it fails, the {@link RemoteErrors} answer in
 * place of Avatica's, which carries the server's stack trace.
 */
final class ProtobufCalls extends ProtobufHandler {
  /** The HTTP status and body of an answer; Avatica's client reads error answers only with 500. */
  record Answer(int status, byte[] body) {
  }

  private static final ProtobufTranslation TRANSLATION = new ProtobufTranslationImpl();
  private static final int FAILED = 500;

  private final Service service;
  private volatile RpcMetadataResponse metadata;

  ProtobufCalls(Service service) {
    super(service, TRANSLATION, NoopMetricsSystem.getInstance());
    this.service = service;
  }

  @Override public void setRpcMetadata(RpcMetadataResponse metadata) {
    super.setRpcMetadata(metadata);
    this.metadata = metadata;
    service.setRpcMetadata(metadata);
  }

  /** Runs the call {@code body} encodes. */
  Answer call(byte[] body) {
    HandlerResponse<byte[]> response = apply(body);
    return new Answer(response.getStatusCode(), response.getResponse());
  }

  @Override public HandlerResponse<byte[]> convertToErrorResponse(Exception e) {
    Answer answer = error(e);
    return new HandlerResponse<>(answer.body(), answer.status());
  }

  /** The encoded answer that tells the client {@code e}. */
  Answer error(Exception e) {
    ErrorResponse response = RemoteErrors.of(e, metadata);
    try {
      return new Answer(FAILED, TRANSLATION.serializeResponse(response));
    } catch (IOException encoding) {
      throw new IllegalStateException("cannot encode an error answer", encoding);
    }
  }
}
