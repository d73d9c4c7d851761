package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.config.SendPilotProperty.BASE_URL;
import static ai.sendpilot.sql.config.SendPilotProperty.CALL_TIMEOUT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.CONNECT_TIMEOUT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_ATTEMPTS;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_CONCURRENT_REQUESTS;
import static ai.sendpilot.sql.config.SendPilotProperty.MAX_RETRY_WAIT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.PAGE_SIZE;
import static ai.sendpilot.sql.config.SendPilotProperty.READ_TIMEOUT_MS;
import static ai.sendpilot.sql.config.SendPilotProperty.REQUESTS_PER_SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.adapter.SendPilotSettings.KeySource;
import ai.sendpilot.sql.client.ApiKey;
import ai.sendpilot.sql.client.ClientConfig;
import ai.sendpilot.sql.config.SendPilotProperty;
import ai.sendpilot.sql.scan.QueryLimits;
import ai.sendpilot.sql.scan.ScanOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    assertEquals("Setting pageSize must be between 1 and 100, got 101", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SendPilotSettings.from(Map.of("pageCacheTtlMs", "-5"), Map.of()));
    assertEquals("Setting pageCacheTtlMs must be at least 0, got -5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SendPilotSettings.from(Map.of("demo", "yes"), Map.of()));
    assertEquals("Setting demo must be true or false, got 'yes'", e.getMessage());
  }

  @Test void defaultsAreTheDeclaredOnesInSettingsAndClientBuilder() {
    SendPilotSettings settings = SendPilotSettings.from(Map.of(), Map.of());
    ClientConfig fromSettings = settings.clientConfigBuilder().apiKey(ApiKey.of("k")).build();
    ClientConfig fromBuilder = ClientConfig.builder().apiKey(ApiKey.of("k")).build();
    for (ClientConfig config : List.of(fromSettings, fromBuilder)) {
      assertEquals(BASE_URL.defaultValue() + "/", config.baseUrl().toString());
      assertEquals(PAGE_SIZE.defaultValue(), config.pageSize());
      assertEquals(millis(CONNECT_TIMEOUT_MS), config.connectTimeout());
      assertEquals(millis(READ_TIMEOUT_MS), config.readTimeout());
      assertEquals(millis(CALL_TIMEOUT_MS), config.callTimeout());
      assertEquals(MAX_ATTEMPTS.defaultValue(), config.maxAttempts());
      assertEquals(millis(MAX_RETRY_WAIT_MS), config.maxRetryWait());
      assertEquals(REQUESTS_PER_SECOND.defaultValue(), config.requestsPerSecond());
      assertEquals(MAX_CONCURRENT_REQUESTS.defaultValue(), config.maxConcurrentRequests());
    }
    assertEquals(new ScanOptions(Duration.ofSeconds(30), 10_000, true), settings.scanOptions());
    assertFalse(settings.demo());
  }

  @Test void scanOptionsFromOperands() {
    assertEquals(new ScanOptions(Duration.ZERO, 7, false), SendPilotSettings.from(
        Map.of("pageCacheTtlMs", 0, "pageCacheMaxConversations", "7", "nativeOrder", false),
        Map.of()).scanOptions());
  }

  @Test void queryLimitsDefaultToFiveMinutesAndAQuarterOfTheHeap() {
    QueryLimits limits = SendPilotSettings.from(Map.of(), Map.of()).queryLimits();
    assertEquals(300_000, limits.timeoutMillis());
    assertEquals(Runtime.getRuntime().maxMemory() / 4, limits.memoryBytes());
    assertTrue(limits.memorySetting().startsWith("maxQueryMemoryMb, unset: a quarter of the "),
        limits.memorySetting());
  }

  @Test void queryLimitsFromProperties() {
    assertEquals(new QueryLimits(0, 64L * 1024 * 1024, "maxQueryMemoryMb"),
        SendPilotSettings.from(Map.of("queryTimeoutMs", "0", "MAXQUERYMEMORYMB", "64"), Map.of())
            .queryLimits());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SendPilotSettings.from(Map.of("queryTimeoutMs", "-1"), Map.of()));
    assertEquals("Setting queryTimeoutMs must be at least 0, got -1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SendPilotSettings.from(Map.of("maxQueryMemoryMb", "0"), Map.of()));
    assertEquals("Setting maxQueryMemoryMb must be at least 1, got 0", e.getMessage());
  }

  private static Duration millis(SendPilotProperty property) {
    return Duration.ofMillis(property.defaultValue(Integer.class));
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
  @Test void namesMatchInAnyCase() {
    SendPilotSettings settings = SendPilotSettings.from(
        Map.of("APIKEY", "k", "PageSize", "25", "BASEURL", "https://eu.example"), Map.of());
    assertEquals(KeySource.GIVEN, settings.keySource());
    assertEquals(25, settings.clientConfig().pageSize());
    assertEquals("https://eu.example/", settings.clientConfig().baseUrl().toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SendPilotSettings.from(Map.of("apiKey", "a", "APIKEY", "b"), Map.of()));
    assertEquals("Setting apiKey is given twice, as APIKEY and as apiKey", e.getMessage());
  }

  @Test void keySourceIsTheFirstOfKeyFileAndEnvironment() {
    Map<String, String> env = Map.of("SENDPILOT_API_KEY", "k");
    assertEquals(KeySource.GIVEN, SendPilotSettings.from(
        Map.of("apiKey", "k", "apiKeyFile", "/k"), env).keySource());
    assertEquals(KeySource.FILE,
        SendPilotSettings.from(Map.of("apiKeyFile", "/k"), env).keySource());
    assertEquals(KeySource.ENVIRONMENT, SendPilotSettings.from(Map.of(), env).keySource());
    assertEquals(KeySource.NONE, SendPilotSettings.from(Map.of(), Map.of()).keySource());
    assertEquals("MY_KEY", SendPilotSettings.from(Map.of("apiKeyEnv", "MY_KEY"), env)
        .keyEnvironmentVariable());
  }

  @Test void baseUrlLeavesTheOperatorsHostsOnlyForAnotherOrigin() {
    Map<String, String> env = Map.of("SENDPILOT_BASE_URL", "https://eu.example");
    for (String same : List.of("https://api.sendpilot.ai", "https://API.sendpilot.ai:443/v1",
        "https://eu.example/", "not a url")) {
      assertFalse(SendPilotSettings.from(Map.of("baseUrl", same), env)
          .baseUrlLeavesOperatorHosts(), same);
    }
    for (String other : List.of("http://api.sendpilot.ai", "https://api.sendpilot.ai:8443",
        "https://api.sendpilot.ai.attacker.example", "http://127.0.0.1:8080")) {
      assertTrue(SendPilotSettings.from(Map.of("baseUrl", other), env)
          .baseUrlLeavesOperatorHosts(), other);
    }
    assertFalse(SendPilotSettings.from(Map.of(), env).baseUrlLeavesOperatorHosts());
  }

  @Test void textThatIsNotAKeyIsNeverQuoted(@TempDir Path dir) throws Exception {
    Path passwd = dir.resolve("passwd");
    Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1\n");
    Path big = dir.resolve("big");
    Files.writeString(big, "k".repeat(5000));
    for (SendPilotSettings settings : List.of(
        SendPilotSettings.from(Map.of("apiKeyFile", passwd.toString()), Map.of()),
        SendPilotSettings.from(Map.of("apiKeyFile", big.toString()), Map.of()),
        SendPilotSettings.from(Map.of(), Map.of("SENDPILOT_API_KEY", "root two words")),
        SendPilotSettings.from(Map.of("apiKey", "root\u00e9"), Map.of()))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, settings::clientConfig);
      assertFalse(e.getMessage().contains("root") || e.getMessage().contains("kkk"),
          e.getMessage());
    }
    assertEquals(ApiKey.of("sk_test-1.2"), SendPilotSettings.from(Map.of(),
        Map.of("SENDPILOT_API_KEY", " sk_test-1.2 \n")).clientConfig().apiKey());
  }
}
