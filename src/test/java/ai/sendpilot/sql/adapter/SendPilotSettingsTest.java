package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.client.ClientConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings come from operands or properties first, then the environment, with defaults. */
class SendPilotSettingsTest {
  @Test void defaults() {
    ClientConfig config = SendPilotSettings.from(Map.of(),
        Map.of("SENDPILOT_API_KEY", "from-env")).clientConfig();
    assertEquals("https://api.sendpilot.ai/", config.baseUrl().toString());
    assertEquals(100, config.pageSize());
    assertEquals(Duration.ofSeconds(10), config.connectTimeout());
    assertEquals(Duration.ofSeconds(30), config.readTimeout());
    assertEquals(Duration.ofSeconds(60), config.callTimeout());
  }

  @Test void explicitValuesWinOverTheEnvironment() {
    ClientConfig config = SendPilotSettings.from(
        Map.of("apiKey", "explicit", "baseUrl", "http://127.0.0.1:9", "pageSize", 25,
            "readTimeoutMs", "1500"),
        Map.of("SENDPILOT_API_KEY", "from-env", "SENDPILOT_BASE_URL", "https://other.example"))
        .clientConfig();
    assertEquals("http://127.0.0.1:9/", config.baseUrl().toString());
    assertEquals(25, config.pageSize());
    assertEquals(Duration.ofMillis(1500), config.readTimeout());
  }

  @Test void baseUrlFromTheEnvironment() {
    ClientConfig config = SendPilotSettings.from(Map.of(),
        Map.of("SENDPILOT_API_KEY", "k", "SENDPILOT_BASE_URL", "https://eu.example"))
        .clientConfig();
    assertEquals("https://eu.example/", config.baseUrl().toString());
  }

  @Test void keyFromAFileOrANamedVariable(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key.txt");
    Files.writeString(file, "file-key\n");
    assertTrue(SendPilotSettings.from(Map.of("apiKeyFile", file.toString()), Map.of())
        .hasApiKey());
    assertTrue(SendPilotSettings.from(Map.of("apiKeyEnv", "MY_KEY"), Map.of("MY_KEY", "v"))
        .hasApiKey());
    assertFalse(SendPilotSettings.from(Map.of("apiKeyEnv", "MY_KEY"),
        Map.of("SENDPILOT_API_KEY", "v")).hasApiKey());
  }

  @Test void badValuesNameTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SendPilotSettings.from(Map.of("apiKey", "k", "pageSize", "lots"), Map.of())
            .clientConfig());
    assertEquals("Setting pageSize must be a whole number, got 'lots'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SendPilotSettings.from(Map.of("apiKey", "k", "pageSize", 101), Map.of())
            .clientConfig());
    assertEquals("pageSize must be between 1 and 100, got 101", e.getMessage());
  }

  @Test void configNeverPrintsTheKey() {
    ClientConfig config = SendPilotSettings.from(Map.of("apiKey", "s3cr3t-value"), Map.of())
        .clientConfig();
    assertFalse(config.toString().contains("s3cr3t-value"), config.toString());
    assertFalse(config.apiKey().toString().contains("s3cr3t-value"));
  }

  @Test void plainHttpOnlyForLoopbackUnlessAllowed() {
    Map<String, String> env = Map.of("SENDPILOT_API_KEY", "k");
    assertThrows(IllegalArgumentException.class, () -> SendPilotSettings.from(
        Map.of("baseUrl", "http://10.1.2.3:8080"), env).clientConfig());
    assertEquals("http://10.1.2.3:8080/", SendPilotSettings.from(
        Map.of("baseUrl", "http://10.1.2.3:8080", "allowInsecureHttp", "true"), env)
        .clientConfig().baseUrl().toString());
    assertEquals("http://localhost:8080/", SendPilotSettings.from(
        Map.of("baseUrl", "http://localhost:8080"), env).clientConfig().baseUrl().toString());
  }
}
