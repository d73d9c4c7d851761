package ai.sendpilot.sql.pgwire;

import com.ongres.scram.common.ClientFirstMessage;
import com.ongres.scram.common.Gs2CbindFlag;
import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ServerFirstMessage;
import com.ongres.scram.common.exception.ScramParseException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server's side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as PostgreSQL runs it:
 * the user name is the startup message's, channel binding is not offered.
 */
final class ScramExchange {
  private final PgUsers.ScramVerifier verifier;
  private final SecureRandom random;
  private String clientFirstBare;
  private String serverFirst;
  private String nonce;
  private String gs2Header;

  ScramExchange(PgUsers.ScramVerifier verifier, SecureRandom random) {
    this.verifier = verifier;
    this.random = random;
  }

  /** Reads the client-first-message and answers the server-first-message. */
  String serverFirst(String clientFirst) {
    ClientFirstMessage first;
    try {
      first = ClientFirstMessage.parseFrom(clientFirst);
    } catch (ScramParseException | IllegalArgumentException e) {
      throw new ProtocolException("malformed SCRAM message: " + e.getMessage());
    }
    if (first.getGs2Header().getChannelBindingFlag() == Gs2CbindFlag.CHANNEL_BINDING_REQUIRED) {
      throw new ProtocolException("channel binding is not supported by this server; connect"
          + " with channel binding off (pgjdbc channelBinding=disable, libpq"
          + " channel_binding=disable)");
    }
    int bare = clientFirst.indexOf(',', clientFirst.indexOf(',') + 1) + 1;
    gs2Header = clientFirst.substring(0, bare);
    clientFirstBare = clientFirst.substring(bare);
    nonce = first.getClientNonce() + ScramFunctions.nonce(24, random);
    serverFirst = new ServerFirstMessage(first.getClientNonce(), nonce.substring(
        first.getClientNonce().length()), Base64.getEncoder().encodeToString(verifier.salt()),
        PgUsers.ITERATIONS).toString();
    return serverFirst;
  }

  /**
   * Checks the client-final-message's proof.
   *
   * @return the server-final-message, or null when the proof is wrong
   */
  String serverFinal(String clientFinal) {
    int proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0) {
      throw new ProtocolException("malformed SCRAM message: no proof");
    }
    String withoutProof = clientFinal.substring(0, proofAt);
    String expected = "c=" + Base64.getEncoder().encodeToString(
        gs2Header.getBytes(StandardCharsets.UTF_8)) + ",r=" + nonce;
    if (!withoutProof.equals(expected) && !withoutProof.startsWith(expected + ",")) {
      throw new ProtocolException("malformed SCRAM message: channel binding or nonce differs");
    }
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("malformed SCRAM message: proof is not Base64");
    }
    if (verifier.storedKey() == null) {
      return null;
    }
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] signature = ScramFunctions.clientSignature(PgUsers.MECHANISM, verifier.storedKey(),
        authMessage);
    if (proof.length != signature.length) {
      return null;
    }
    byte[] clientKey = new byte[proof.length];
    for (int i = 0; i < proof.length; i++) {
      clientKey[i] = (byte) (proof[i] ^ signature[i]);
    }
    if (!MessageDigest.isEqual(ScramFunctions.hash(PgUsers.MECHANISM, clientKey),
        verifier.storedKey())) {
      return null;
    }
    return "v=" + Base64.getEncoder().encodeToString(ScramFunctions.serverSignature(
        PgUsers.MECHANISM, verifier.serverKey(), authMessage));
  }
}
