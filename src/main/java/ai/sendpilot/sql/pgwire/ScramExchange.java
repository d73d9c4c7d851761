package ai.sendpilot.sql.pgwire;

import com.ongres.scram.common.ScramFunctions;
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

  /**
   * Reads the client-first-message ({@code gs2-header client-first-message-bare}, RFC 5802
   * section 7; libpq leaves the user name empty, as PostgreSQL takes the startup message's)
   * and answers the server-first-message.
   */
  String serverFirst(String clientFirst) {
    int firstComma = clientFirst.indexOf(',');
    int secondComma = firstComma < 0 ? -1 : clientFirst.indexOf(',', firstComma + 1);
    if (secondComma < 0) {
      throw malformed("no GS2 header");
    }
    String flag = clientFirst.substring(0, firstComma);
    if (flag.startsWith("p=")) {
      throw new ProtocolException("channel binding is not supported by this server; connect"
          + " with channel binding off (pgjdbc channelBinding=disable, libpq"
          + " channel_binding=disable)");
    }
    if (!flag.equals("n") && !flag.equals("y")) {
      throw malformed("unknown channel binding flag");
    }
    gs2Header = clientFirst.substring(0, secondComma + 1);
    clientFirstBare = clientFirst.substring(secondComma + 1);
    if (!clientFirstBare.startsWith("n=")) {
      throw malformed("no user name attribute");
    }
    int nonceAt = clientFirstBare.indexOf(",r=");
    if (nonceAt < 0) {
      throw malformed("no nonce");
    }
    int nonceEnd = clientFirstBare.indexOf(',', nonceAt + 3);
    String clientNonce = clientFirstBare.substring(nonceAt + 3,
        nonceEnd < 0 ? clientFirstBare.length() : nonceEnd);
    if (clientNonce.isEmpty() || !clientNonce.chars().allMatch(c -> c > 0x20 && c < 0x7f
        && c != ',')) {
      throw malformed("invalid nonce");
    }
    nonce = clientNonce + ScramFunctions.nonce(24, random);
    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt())
        + ",i=" + PgUsers.ITERATIONS;
    return serverFirst;
  }

  private static ProtocolException malformed(String what) {
    return new ProtocolException("malformed SCRAM message: " + what);
  }

  /**
   * Checks the client-final-message's proof.
   *
   * @return the server-final-message, or null when the proof is wrong
   */
  String serverFinal(String clientFinal) {
    int proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0) {
      throw malformed("no proof");
    }
    String withoutProof = clientFinal.substring(0, proofAt);
    String expected = "c=" + Base64.getEncoder().encodeToString(
        gs2Header.getBytes(StandardCharsets.UTF_8)) + ",r=" + nonce;
    if (!withoutProof.equals(expected) && !withoutProof.startsWith(expected + ",")) {
      throw malformed("channel binding or nonce differs");
    }
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
    } catch (IllegalArgumentException e) {
      throw malformed("proof is not Base64");
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
