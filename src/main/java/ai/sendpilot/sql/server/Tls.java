package ai.sendpilot.sql.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The server's TLS certificate: a keystore (PKCS12 or JKS) and its password.
 *
 * @param keystore the keystore file
 * @param password the password of the keystore and its key
 */
record Tls(Path keystore, String password) {
  Tls {
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(password, "password");
  }

  @Override public String toString() {
    return "Tls[keystore=" + keystore + "]";
  }
}
