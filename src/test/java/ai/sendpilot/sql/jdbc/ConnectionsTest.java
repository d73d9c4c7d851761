package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.adapter.SendPilotSchemaFactory;
import ai.sendpilot.sql.config.SendPilotProperty;
import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.HashMap;
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
 * The ways to connect: driver URL, Properties, an extra model (the operator allowing it), and
 * the repo's model.json.
 */
class ConnectionsTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach void serve() {
    server.setDispatcher(FakeInbox.of("acc1", 5));
  }

  @Test void propertiesArgumentWorksLikeTheUrl() throws Exception {
    Properties info = new Properties();
    info.setProperty("apiKey", FakeInbox.KEY);
    info.setProperty("baseUrl", Jdbc.baseUrl(server));
    try (Connection c = DriverManager.getConnection("jdbc:sendpilot:", info)) {
      assertEquals(List.of("5"), Jdbc.rows(c, "select count(*) from conversations"));
      assertEquals("sendpilot", c.getSchema());
      assertTrue(c.unwrap(CalciteConnection.class) != null);
    }
  }

  @Test void keyAppearsNowhereInConnectionMetadata() throws Exception {
    try (Connection c = Jdbc.connect(server)) {
      String url = c.getMetaData().getURL();
      assertFalse(String.valueOf(url).contains(FakeInbox.KEY), url);
      assertFalse(c.getClientInfo().toString().contains(FakeInbox.KEY));
      assertFalse(c.unwrap(CalciteConnection.class).getProperties().toString()
          .contains(FakeInbox.KEY));
      assertEquals("SendPilot SQL driver", c.getMetaData().getDriverName());
    }
  }

  @Test void modelPropertyAddsCrmTablesToJoinWith(@TempDir Path dir) throws Exception {
    Path crm = Files.createDirectories(dir.resolve("crm"));
    Files.writeString(crm.resolve("contacts.csv"),
        "profile_url:string,email:string,company:string\n"
        + "https://www.linkedin.com/in/acc1-1-0,ana@acme.example,Acme\n"
        + "https://www.linkedin.com/in/acc1-2-2,li@globex.example,Globex\n");
    String model = "inline:{\"version\":\"1.0\",\"schemas\":[{\"name\":\"crm\",\"type\":\"custom\","
        + "\"factory\":\"org.apache.calcite.adapter.file.FileSchemaFactory\","
        + "\"operand\":{\"directory\":\"" + crm.toString().replace("\\", "\\\\") + "\"}}]}";
    Properties info = new Properties();
    info.setProperty("apiKey", FakeInbox.KEY);
    info.setProperty("baseUrl", Jdbc.baseUrl(server));
    info.setProperty("model", model);
    OperatorJvm inlineModelsAllowed =
        new OperatorJvm().property("sendpilot.allowInlineModels", "true");
    try (Connection c = inlineModelsAllowed.connect("jdbc:sendpilot:", info)) {
      assertEquals(List.of("acc1-c1; Acme; ana@acme.example", "acc1-c2; Globex; li@globex.example"),
          Jdbc.rows(c, "select p.conversation_id, k.company, k.email from participants p"
              + " join crm.contacts k on p.profile_url = k.profile_url"
              + " where p.account_id = 'acc1' order by 1"));
    }
    assertEquals(List.of(Map.of("limit", "1"), Map.of("accountId", "acc1", "limit", "100")),
        Requests.drain(server), "the connect-time check of the key, then the join's scan");
  }

  @Test void propertyInfoDescribesEverySettingWithoutTheKey() throws Exception {
    Properties info = new Properties();
    info.setProperty("password", FakeInbox.KEY);
    info.setProperty("lex", "JAVA");
    DriverPropertyInfo[] infos = new SendPilotDriver().getPropertyInfo(
        "jdbc:sendpilot:apiKey=" + FakeInbox.KEY + ";pageSize=25", info);
    Map<String, DriverPropertyInfo> byName = new HashMap<>();
    for (DriverPropertyInfo i : infos) {
      assertFalse(FakeInbox.KEY.equals(i.value), i.name);
      byName.putIfAbsent(i.name, i);
    }
    for (SendPilotProperty p : SendPilotProperty.values()) {
      DriverPropertyInfo i = byName.get(p.camelName());
      assertEquals(p.description(), i.description, p.camelName());
      assertFalse(i.required, p.camelName());
    }
    assertNull(byName.get("apiKey").value);
    assertEquals("25", byName.get("pageSize").value);
    assertEquals("60000", byName.get("callTimeoutMs").value);
    assertNull(byName.get("requestsPerSecond").value);
    assertEquals("4", byName.get("maxConcurrentRequests").value);
    assertEquals("true", byName.get("nativeOrder").value);
    assertArrayEquals(new String[] {"true", "false"}, byName.get("demo").choices);
    assertNull(byName.get("baseUrl").choices);
    assertEquals("JAVA", byName.get("lex").value);
    assertEquals("false", byName.get("caseSensitive").value);
    assertFalse(byName.containsKey("password"));
  }

  @Test void badSettingFailsTheConnectionNamingIt() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:sendpilot:apiKey=" + FakeInbox.KEY + ";pageSize=500"));
    assertEquals("Cannot connect to SendPilot: Setting pageSize must be between 1 and 100,"
        + " got 500", e.getMessage());
    assertEquals("08001", e.getSQLState());
  }

  @Test void modelWithDemoGetsTheDemoInboxAndCrm() throws Exception {
    String model = "inline:{\"version\":\"1.0\",\"defaultSchema\":\"sendpilot\","
        + "\"schemas\":[{\"name\":\"sendpilot\",\"type\":\"custom\","
        + "\"factory\":\"" + SendPilotSchemaFactory.class.getName() + "\","
        + "\"operand\":{\"demo\":true,\"apiKeyEnv\":\"SENDPILOT_TEST_UNSET_VARIABLE\"}}]}";
    Properties info = new Properties();
    info.setProperty("model", model);
    info.setProperty("lex", "JAVA");
    try (Connection c = DriverManager.getConnection("jdbc:calcite:", info)) {
      assertEquals(List.of("true"), Jdbc.rows(c, "select count(*) > 0 from participants p"
          + " join crm.contacts k on k.profile_url = p.profile_url"));
    }
  }

  @Test void repositoryModelFileWorksWithCalciteUrl(@TempDir Path dir) throws Exception {
    String model = Files.readString(Path.of("model.json"))
        .replace("\"apiKeyEnv\": \"SENDPILOT_API_KEY\"",
            "\"apiKey\": \"" + FakeInbox.KEY + "\", \"baseUrl\": \"" + Jdbc.baseUrl(server) + "\"");
    Path file = dir.resolve("model.json");
    Files.writeString(file, model);
    Properties info = new Properties();
    info.setProperty("model", file.toString());
    info.setProperty("lex", "JAVA");
    try (Connection c = DriverManager.getConnection("jdbc:calcite:", info)) {
      assertEquals(List.of("acc1-c0; acc1"),
          Jdbc.rows(c, "select id, account_id from sendpilot.conversations limit 1"));
    }
    assertEquals(List.of(Map.of("limit", "1")), Requests.drain(server));
  }
}
