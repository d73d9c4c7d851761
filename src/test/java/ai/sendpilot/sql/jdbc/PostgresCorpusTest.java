package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.sendpilot.sql.demo.DemoInbox;
import ai.sendpilot.sql.demo.InboxJson;
import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.testing.LocalPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The corpus of PostgreSQL-idiom queries ({@code src/test/resources/postgres/corpus.sql}: the
 * SQL Metabase, Grafana, Superset and analysts write) run through the driver against the
 * simulator and through a real PostgreSQL loaded with the same conversations and participants:
 * the same rows (in order where the query orders them, numbers by value to 15 significant
 * digits, timestamps exact), except for the documented differences below. Every failure,
 * malformed SQL included, carries a SQLState.
 */
class PostgresCorpusTest {
  /** Queries whose answers differ from PostgreSQL's, each with its reason (README "Dialect"). */
  static final Map<String, String> DIFFERENCES = Map.ofEntries(
      Map.entry("percentile_cont", "PERCENTILE_CONT/DISC … WITHIN GROUP: Calcite 1.42 cannot"
          + " run them; they fail with 0A000"),
      Map.entry("percentile_disc", "as percentile_cont"),
      Map.entry("max(last_activity_at) - min(last_activity_at)", "timestamp minus timestamp"
          + " (an interval in PostgreSQL) is refused (42000)"),
      Map.entry("current_date - 7", "date minus an integer is refused (42000); write"
          + " current_date - interval '7' day"),
      Map.entry("md5(", "md5 is not among the driver's functions (42000)"),
      Map.entry("reverse(", "reverse is not among the driver's functions (42000)"),
      Map.entry("trunc(", "trunc is not among the driver's functions (42000); write truncate"),
      Map.entry("current_schema()", "current_schema is written without parentheses"),
      Map.entry(" as next", "NEXT is reserved in Calcite's parser; quote it as an alias"),
      Map.entry("date_trunc('day', \"sendpilot\".\"conversations\".\"last_message_sent_at\")",
          "date_trunc of a column holding NULLs as a GROUP BY key fails (XX000)"),
      Map.entry("date_trunc('week', \"sendpilot\".\"conversations\".\"last_message_sent_at\")",
          "as above"),
      Map.entry("date_trunc('month', \"sendpilot\".\"conversations\".\"last_message_sent_at\")",
          "as above"),
      Map.entry("date_trunc('quarter', \"sendpilot\".\"conversations\".\"last_message_sent_at\")",
          "as above"),
      Map.entry("date_trunc('year', \"sendpilot\".\"conversations\".\"last_message_sent_at\")",
          "as above"));

  private static final long SEED = 20_261_208L;
  private static final int GENERATED = 80;
  private static final List<String> BUCKETS = List.of("date_trunc('day', last_activity_at)",
      "date_trunc('week', created_at)", "date_trunc('month', updated_at)",
      "extract(dow from last_activity_at)", "extract(hour from created_at)",
      "date_part('isodow', last_activity_at)", "last_activity_at::date", "unread_count",
      "unread_count / 2", "unread_count % 3", "cast(unread_count as text)", "account_id",
      "last_message_direction", "extract(year from created_at) * 100 + extract(month from"
          + " created_at)", "to_char(last_activity_at, 'YYYY-MM')",
      "floor(extract(epoch from last_activity_at) / 3600) * 3600",
      "case when unread_count = 0 then 'read' else 'unread' end", "left(account_id, 5)");
  private static final List<String> AGGREGATES = List.of("count(*)", "sum(unread_count)",
      "avg(unread_count)", "round(avg(unread_count), 2)", "max(unread_count)",
      "min(last_activity_at)", "count(distinct account_id)",
      "count(*) filter (where unread_count > 0)", "sum(unread_count) * 1000000000",
      "stddev_pop(unread_count)", "avg(unread_count) filter (where last_message_direction ="
          + " 'received')", "max(extract(epoch from last_activity_at))",
      "count(*) * 100.0 / sum(count(*)) over ()");
  private static final List<String> FILTERS = List.of("true", "account_id = 'acc_na_1'",
      "account_id in ('acc_emea_01', 'acc_apac_0001')", "unread_count > 1",
      "last_activity_at >= timestamp '2026-11-20' - interval '14 days'",
      "created_at < timestamp '2026-11-01' + interval '1 month'",
      "last_message_direction is not null", "coalesce(last_message_direction, '') <> 'sent'",
      "extract(dow from last_activity_at) in (0, 6)", "unread_count::text <> '0'");

  private static final Pattern ORDERED = Pattern.compile("(?is).*\\border\\s+by\\b[^)]*$");
  private static final BigDecimal RELATIVE = new BigDecimal("1e-14");

  private static InboxSimulator simulator;
  private static LocalPostgres postgres;
  private static Connection reference;
  private static Connection driver;

  @BeforeAll static void start() throws Exception {
    simulator = new InboxSimulator(SimulatorConfig.builder().seed(7).conversations(300)
        .accountIds("acc_emea_01", "acc_na_1", "acc_apac_0001").tiesPercent(20).build())
        .start();
    postgres = LocalPostgres.start();
    try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"));
         Statement s = admin.createStatement()) {
      // PostgreSQL's case rules for all letters need a UTF-8 character type, as servers have.
      s.execute("create database sendpilot template template0 encoding 'UTF8'"
          + " lc_collate 'C' lc_ctype 'C.UTF-8'");
    }
    reference = DriverManager.getConnection(postgres.jdbcUrl("sendpilot"));
    load(reference, simulator.inbox());
    driver = DriverManager.getConnection("jdbc:sendpilot:baseUrl=" + simulator.baseUrl()
        + ";apiKey=" + simulator.apiKey() + ";requestsPerSecond=100000");
  }

  @AfterAll static void stop() throws Exception {
    if (driver != null) {
      driver.close();
    }
    if (reference != null) {
      reference.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test void theCorpusGivesPostgresqlsAnswers() throws IOException {
    List<String> corpus = corpus();
    assertTrue(corpus.size() >= 300, "corpus of " + corpus.size());
    List<String> failures = new ArrayList<>();
    int compared = 0;
    for (String sql : corpus) {
      if (difference(sql) != null) {
        continue;
      }
      compared++;
      String failure = compare(sql);
      if (failure != null) {
        failures.add(sql + "\n    " + failure);
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + compared + " queries differ from PostgreSQL:\n"
          + String.join("\n", failures));
    }
  }

  /**
   * Random PostgreSQL-idiom queries (fixed seed, {@value #GENERATED} of them): a bucket of time
   * or of an integer column, an aggregate over integers, a filter of accounts, relative dates
   * or counts, as dashboards write them.
   */
  @Test void generatedQueriesGivePostgresqlsAnswers() {
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < GENERATED; i++) {
      String sql = "select " + pick(random, BUCKETS) + " as bucket, "
          + pick(random, AGGREGATES) + " as value from conversations where "
          + pick(random, FILTERS) + " group by 1 order by 1 nulls first";
      String failure = compare(sql);
      if (failure != null) {
        failures.add(sql + "\n    " + failure);
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + GENERATED
        + " generated queries differ from PostgreSQL:\n" + String.join("\n", failures));
  }

  private static String pick(Random random, List<String> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  @Test void everyFailureHasASqlState() throws IOException {
    List<String> statements = new ArrayList<>(corpus());
    statements.addAll(List.of("selec 1", "select from", "select * from nosuch",
        "select nosuch from conversations", "select 1 +", "select (1", "select 'unclosed",
        "select cast('x' as int)", "select 1/0", "select left(1)", "select date_part('x', 1)",
        "select * from conversations limit -1", "insert into conversations values (1)",
        "select extract(epoch from 'x')", "show", "set", "select interval '1 fortnight'",
        "select {fn nosuch(1)}", "select count(*) from conversations group by 5"));
    List<String> stateless = new ArrayList<>();
    for (String sql : statements) {
      try (Statement s = driver.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rs.getObject(1);
        }
      } catch (SQLException e) {
        if (e.getSQLState() == null) {
          stateless.add(sql + ": " + e.getMessage());
        }
      }
    }
    assertTrue(stateless.isEmpty(), "failures without a SQLState:\n"
        + String.join("\n", stateless));
  }

  /** The documented difference {@code sql} is on, or null. */
  static String difference(String sql) {
    return DIFFERENCES.entrySet().stream().filter(e -> sql.contains(e.getKey()))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  static List<String> corpus() throws IOException {
    try (InputStream in = PostgresCorpusTest.class.getResourceAsStream("/postgres/corpus.sql")) {
      assertNotNull(in, "corpus.sql");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("--")).toList();
    }
  }

  private static String compare(String sql) {
    List<List<Object>> expected;
    try {
      expected = rows(reference, sql);
    } catch (SQLException e) {
      return "PostgreSQL rejects it (a corpus fault): " + e.getMessage();
    }
    List<List<Object>> actual;
    try {
      actual = rows(driver, sql);
    } catch (SQLException | RuntimeException e) {
      return "the driver fails: " + (e instanceof SQLException s ? s.getSQLState() + " " : "")
          + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
    if (!ORDERED.matcher(sql).matches()) {
      expected = sorted(expected);
      actual = sorted(actual);
    }
    if (expected.size() != actual.size()) {
      return "PostgreSQL " + expected.size() + " rows, driver " + actual.size() + ": "
          + head(expected) + " vs " + head(actual);
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!same(expected.get(i), actual.get(i))) {
        return "row " + i + ": PostgreSQL " + expected.get(i) + ", driver " + actual.get(i);
      }
    }
    return null;
  }

  private static String head(List<List<Object>> rows) {
    return rows.subList(0, Math.min(3, rows.size())).toString();
  }

  private static boolean same(List<Object> expected, List<Object> actual) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      Object e = expected.get(i);
      Object a = actual.get(i);
      if (e == null || a == null) {
        if (e != a) {
          return false;
        }
      } else if (e instanceof BigDecimal x && a instanceof BigDecimal y) {
        BigDecimal tolerance = x.abs().max(BigDecimal.ONE).multiply(RELATIVE);
        if (x.subtract(y).abs().compareTo(tolerance) > 0) {
          return false;
        }
      } else if (!e.equals(a)) {
        return false;
      }
    }
    return true;
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }

  /** Rows with values made comparable: numbers as BigDecimal, text without CHAR padding. */
  private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(normal(rs.getObject(i)));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Object normal(Object value) {
    if (value instanceof Number n) {
      BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
      return d.round(MathContext.DECIMAL128).stripTrailingZeros();
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    if (value instanceof Date d) {
      return d.toLocalDate();
    }
    if (value instanceof String s) {
      return s.stripTrailing();
    }
    return value;
  }

  /** The simulator's inbox as PostgreSQL tables of the same names and types. */
  private static void load(Connection pg, DemoInbox inbox) throws SQLException {
    try (Statement s = pg.createStatement()) {
      s.execute("create schema sendpilot");
      s.execute("create table sendpilot.conversations (id text not null, account_id text not"
          + " null, last_message_content text, last_message_sent_at timestamp(3),"
          + " last_message_direction text, last_activity_at timestamp(3), unread_count integer,"
          + " created_at timestamp(3), updated_at timestamp(3))");
      s.execute("create table sendpilot.participants (conversation_id text not null,"
          + " account_id text not null, participant_id text, name text, profile_url text,"
          + " profile_picture text)");
      s.execute("alter database sendpilot set search_path = sendpilot");
      s.execute("set search_path = sendpilot");
      s.execute("alter database sendpilot set timezone = 'UTC'");
      s.execute("set timezone = 'UTC'");
    }
    try (PreparedStatement conversations = pg.prepareStatement(
            "insert into sendpilot.conversations values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement participants = pg.prepareStatement(
            "insert into sendpilot.participants values (?, ?, ?, ?, ?, ?)")) {
      for (long k = 0; k < inbox.size(); k++) {
        InboxJson.Conversation c = inbox.conversation(k);
        InboxJson.LastMessage last = c.lastMessage();
        conversations.setString(1, c.id());
        conversations.setString(2, c.accountId());
        conversations.setString(3, last == null ? null : last.content());
        conversations.setObject(4, last == null ? null : wallClock(last.sentAt()));
        conversations.setString(5, last == null ? null : last.direction());
        conversations.setObject(6, wallClock(c.lastActivityAt()));
        conversations.setInt(7, c.unreadCount());
        conversations.setObject(8, wallClock(c.createdAt()));
        conversations.setObject(9, wallClock(c.updatedAt()));
        conversations.addBatch();
        for (InboxJson.Participant p : c.participants()) {
          participants.setString(1, c.id());
          participants.setString(2, c.accountId());
          participants.setString(3, p.id());
          participants.setString(4, p.name());
          participants.setString(5, p.profileUrl());
          participants.setString(6, p.profilePicture());
          participants.addBatch();
        }
      }
      conversations.executeBatch();
      participants.executeBatch();
    }
  }

  private static LocalDateTime wallClock(String instant) {
    return instant == null ? null
        : LocalDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
  }
}
