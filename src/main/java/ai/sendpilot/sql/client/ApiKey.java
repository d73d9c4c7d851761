package ai.sendpilot.sql.client;

import java.util.Objects;

/** A SendPilot API key that never shows itself in {@code toString}, logs or messages. */
public final class ApiKey {
  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /** Wraps a key; blank keys are refused. */
  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "value");
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("The SendPilot API key is empty");
    }
    return new ApiKey(trimmed);
  }

  /** The secret itself, for the {@code X-API-Key} header only. */
  String reveal() {
    return value;
  }

  /** A stable identity for sharing per-key resources, without the key. */
  public int fingerprint() {
    return value.hashCode();
  }

  @Override public boolean equals(Object o) {
    return o instanceof ApiKey && ((ApiKey) o).value.equals(value);
  }

  @Override public int hashCode() {
    return value.hashCode();
  }

  @Override public String toString() {
    return "ApiKey[redacted]";
  }
}
