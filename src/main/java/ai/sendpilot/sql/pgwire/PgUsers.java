package ai.sendpilot.sql.pgwire;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users file as SCRAM-SHA-256 verifiers, made once at start with a fresh salt each, as
 * PostgreSQL stores them. A password kept in Jetty's hashed forms ({@code MD5:}, {@code CRYPT:},
 * or obfuscated {@code OBF:}) cannot make a SCRAM verifier, so such a user may use the HTTP
 * endpoint only.
 */
final class PgUsers {
  private static final Logger LOG = LoggerFactory.getLogger(PgUsers.class);
  static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_256;
  /** PostgreSQL's default {@code scram_iterations}. */
  static final int ITERATIONS = 4096;

  private final Map<String, ScramVerifier> verifiers;
  private final byte[] unknownUserKey;

  private PgUsers(Map<String, ScramVerifier> verifiers, byte[] unknownUserKey) {
    this.verifiers = Map.copyOf(verifiers);
    this.unknownUserKey = unknownUserKey;
  }

  static PgUsers read(Path file, SecureRandom random) {
    Properties users = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      users.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the users file " + file + ": "
          + e.getMessage(), e);
    }
    Map<String, ScramVerifier> verifiers = new HashMap<>();
    for (String user : users.stringPropertyNames()) {
      String password = users.getProperty(user).split(",", 2)[0].strip();
      if (password.startsWith("MD5:") || password.startsWith("CRYPT:")
          || password.startsWith("OBF:")) {
        LOG.warn("user '{}' cannot log in over the PostgreSQL protocol: the users file keeps"
            + " the password hashed ({}), and SCRAM-SHA-256 needs the password itself; give"
            + " the password in plain text, or use the HTTP endpoint", user,
            password.substring(0, password.indexOf(':') + 1));
        continue;
      }
      if (!password.isEmpty()) {
        verifiers.put(user, ScramVerifier.of(password, ScramFunctions.salt(16, random)));
      }
    }
    return new PgUsers(verifiers, ScramFunctions.salt(32, random));
  }

  /**
   * The verifier of {@code user}; for an unknown user a stable made-up one, so that a client
   * learns whether a user exists no sooner than after the proof fails.
   */
  ScramVerifier verifier(String user) {
    ScramVerifier known = verifiers.get(user);
    if (known != null) {
      return known;
    }
    byte[] salt = ScramFunctions.hmac(MECHANISM, unknownUserKey,
        user.getBytes(StandardCharsets.UTF_8));
    return new ScramVerifier(Arrays.copyOf(salt, 16), null, null);
  }

  /**
   * What the server keeps of a password: salt, StoredKey and ServerKey (RFC 5802); the keys
   * are null for an unknown user, whose proof never verifies.
   */
  record ScramVerifier(byte[] salt, byte[] storedKey, byte[] serverKey) {
    static ScramVerifier of(String password, byte[] salt) {
      byte[] salted = ScramFunctions.saltedPassword(MECHANISM,
          StringPreparation.POSTGRESQL_PREPARATION, password.toCharArray(), salt, ITERATIONS);
      return new ScramVerifier(salt, ScramFunctions.storedKey(MECHANISM,
          ScramFunctions.clientKey(MECHANISM, salted)), ScramFunctions.serverKey(MECHANISM,
          salted));
    }
  }
}
