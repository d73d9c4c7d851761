package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.LocalPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inbox participants joined with CRM contacts and companies that live in a real PostgreSQL,
 * through a Calcite JDBC schema: the rows equal the same join run inside PostgreSQL on a copy of
 * the participants, and the CRM-side filter runs in PostgreSQL.
 */
class CrmPostgresTest {
  private static final List<String> INDUSTRIES = List.of("Software", "Finance", "Retail",
      "Logistics");
  private static final String JOIN = "select p.account_id, p.conversation_id, p.name, k.email,"
      + " co.name as company"
      + " from %s p"
      + " join crm.contacts k on k.profile_url = p.profile_url"
      + " join crm.companies co on co.company_id = k.company_id"
      + " where p.account_id = 'acc_emea_01' and co.industry = 'Software'";

  private static InboxSimulator simulator;
  private static LocalPostgres postgres;

  @BeforeAll static void start() throws Exception {
    simulator = new InboxSimulator(SimulatorConfig.builder().seed(7).conversations(400)
        .build()).start();
    postgres = LocalPostgres.start();
    List<String[]> participants = participantsByPlainLoop();
    try (Connection pg = DriverManager.getConnection(postgres.jdbcUrl("postgres"));
         Statement s = pg.createStatement()) {
      s.execute("create schema crm");
      s.execute("create table crm.companies (company_id integer primary key, name text not null,"
          + " industry text not null)");
      s.execute("create table crm.contacts (contact_id integer primary key,"
          + " profile_url text not null unique, email text not null,"
          + " company_id integer not null references crm.companies (company_id))");
      s.execute("create schema inbox");
      s.execute("create table inbox.participants (account_id text, conversation_id text,"
          + " participant_id text, name text, profile_url text)");
      load(pg, participants);
    }
  }

  @AfterAll static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  /** Every participant, read page by page with plain HTTP calls, as a reference. */
  private static List<String[]> participantsByPlainLoop() throws IOException {
    OkHttpClient http = new OkHttpClient();
    ObjectMapper json = new ObjectMapper();
    List<String[]> rows = new ArrayList<>();
    String token = null;
    do {
      HttpUrl.Builder url = HttpUrl.get(simulator.baseUrl()).newBuilder()
          .addPathSegments("v1/inbox/conversations").addQueryParameter("limit", "100");
      if (token != null) {
        url.addQueryParameter("continuationToken", token);
      }
      Request request = new Request.Builder().url(url.build())
          .header("X-API-Key", simulator.apiKey()).build();
      JsonNode page;
      try (Response response = http.newCall(request).execute()) {
        assertEquals(200, response.code());
        page = json.readTree(response.body().byteStream());
      }
      for (JsonNode c : page.get("conversations")) {
        for (JsonNode p : c.get("participants")) {
          rows.add(new String[] {c.get("accountId").asText(), c.get("id").asText(),
              p.path("id").asText(null), p.path("name").asText(null),
              p.path("profileUrl").asText(null)});
        }
      }
      JsonNode pagination = page.get("pagination");
      token = pagination.path("hasMore").asBoolean()
          ? pagination.get("continuationToken").asText() : null;
    } while (token != null);
    return rows;
  }

  /**
   * The participants, and a CRM of two thirds of the people in them: contact {@code i} works for
   * company {@code i % 7}, whose industry is {@code INDUSTRIES[company % 4]}.
   */
  private static void load(Connection pg, List<String[]> participants) throws SQLException {
    try (PreparedStatement ps = pg.prepareStatement(
        "insert into inbox.participants values (?, ?, ?, ?, ?)")) {
      for (String[] p : participants) {
        for (int i = 0; i < p.length; i++) {
          ps.setString(i + 1, p[i]);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = pg.prepareStatement(
        "insert into crm.companies values (?, ?, ?)")) {
      for (int company = 0; company < 7; company++) {
        ps.setInt(1, company);
        ps.setString(2, "Company " + company);
        ps.setString(3, INDUSTRIES.get(company % INDUSTRIES.size()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    Set<String> people = new LinkedHashSet<>();
    participants.forEach(p -> people.add(p[4]));
    try (PreparedStatement ps = pg.prepareStatement(
        "insert into crm.contacts values (?, ?, ?, ?)")) {
      int i = 0;
      for (String profileUrl : people) {
        if (i % 3 != 0) {
          ps.setInt(1, i);
          ps.setString(2, profileUrl);
          ps.setString(3, "contact" + i + "@example.com");
          ps.setInt(4, i % 7);
          ps.addBatch();
        }
        i++;
      }
      ps.executeBatch();
    }
  }

  private static Connection connect() throws SQLException {
    String model = "inline:{\"version\":\"1.0\",\"schemas\":[{\"name\":\"crm\","
        + "\"type\":\"jdbc\",\"jdbcDriver\":\"org.postgresql.Driver\","
        + "\"jdbcUrl\":\"" + postgres.jdbcUrl("postgres") + "\",\"jdbcSchema\":\"crm\"}]}";
    Properties info = new Properties();
    info.setProperty("baseUrl", simulator.baseUrl());
    info.setProperty("apiKey", simulator.apiKey());
    info.setProperty("model", model);
    return new OperatorJvm().property("sendpilot.allowInlineModels", "true")
        .connect("jdbc:sendpilot:", info);
  }

  @Test void theJoinEqualsTheSameJoinInsidePostgres() throws Exception {
    List<String> expected;
    try (Connection pg = DriverManager.getConnection(postgres.jdbcUrl("postgres"))) {
      expected = Jdbc.rows(pg, String.format(JOIN, "inbox.participants"));
    }
    List<String> actual;
    try (Connection c = connect()) {
      actual = Jdbc.rows(c, String.format(JOIN, "participants"));
    }
    assertTrue(expected.size() > 20, "too few rows to compare: " + expected);
    assertEquals(sorted(expected), sorted(actual));
  }

  @Test void theCrmFilterRunsInPostgres() throws Exception {
    String plan;
    try (Connection c = connect()) {
      plan = String.join("\n", Jdbc.rows(c, "explain plan for "
          + String.format(JOIN, "participants")));
    }
    assertTrue(plan.contains("JdbcToEnumerableConverter"), plan);
    assertTrue(plan.contains("JdbcFilter(condition=[=($2, 'Software')])"), plan);
    assertTrue(plan.contains("accountIds=[acc_emea_01]"), plan);
  }

  @Test void theCrmKeysAreReported() throws Exception {
    try (Connection c = connect()) {
      List<String> keys = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, "crm", "contacts")) {
        while (rs.next()) {
          keys.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + "."
              + rs.getString("COLUMN_NAME") + " " + rs.getShort("KEY_SEQ"));
        }
      }
      try (ResultSet rs = c.getMetaData().getImportedKeys(null, "CRM", "CONTACTS")) {
        while (rs.next()) {
          keys.add(rs.getString("FKTABLE_SCHEM") + "." + rs.getString("FKTABLE_NAME") + "."
              + rs.getString("FKCOLUMN_NAME") + " -> " + rs.getString("PKTABLE_SCHEM") + "."
              + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME"));
        }
      }
      assertEquals(List.of("crm.contacts.contact_id 1",
          "crm.contacts.company_id -> crm.companies.company_id"), keys);
    }
  }

  private static List<String> sorted(List<String> rows) {
    List<String> copy = new ArrayList<>(rows);
    copy.sort(null);
    return copy;
  }
}
