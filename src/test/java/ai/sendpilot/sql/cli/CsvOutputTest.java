package ai.sendpilot.sql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.LocalPostgres;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * {@code ./sqlline --outputformat=csv} writes RFC 4180 CSV: a header row, fields in double
 * quotes, a quote inside doubled. A CSV library and PostgreSQL's {@code COPY … CSV HEADER} read
 * it back to the values JDBC returns.
 */
class CsvOutputTest {
  private static final String QUERY = "select id, account_id, last_message_content, unread_count"
      + " from conversations where account_id = 'acc_emea_01' order by id limit 40";
  private static final String AWKWARD = "select * from (values ('say \"hi\", then leave',"
      + " 'it''s', '', cast(null as varchar), cast(null as integer), 'null'))"
      + " as t(quoted, apostrophe, blank, no_text, no_number, text_null)";

  @TempDir static Path home;
  private static StagedLaunchers launchers;
  private static LocalPostgres postgres;

  @BeforeAll static void start() throws Exception {
    launchers = StagedLaunchers.stage(home);
    postgres = LocalPostgres.start();
  }

  @AfterAll static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static List<List<String>> jdbcRows(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sendpilot:demo=true");
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static String csv(String sql) throws Exception {
    StagedLaunchers.Run r = launchers.run(Map.of(), "sqlline", "--outputformat=csv", "-e", sql);
    assertEquals(0, r.exitCode(), r.err());
    return r.out();
  }

  @Test void aCsvLibraryReadsItWithItsHeader() throws Exception {
    String out = csv(QUERY);
    assertTrue(out.startsWith("\"id\",\"account_id\",\"last_message_content\",\"unread_count\"\n"),
        out);
    try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().build()
        .parse(new StringReader(out))) {
      assertEquals(List.of("id", "account_id", "last_message_content", "unread_count"),
          parser.getHeaderNames());
      List<List<String>> rows = parser.getRecords().stream().map(CSVRecord::toList).toList();
      List<List<String>> expected = jdbcRows(QUERY).stream()
          .map(row -> row.stream().map(v -> v == null ? "" : v).toList()).toList();
      assertEquals(40, expected.size());
      assertEquals(expected, rows, "NULL is an empty field, which the library reads as \"\"");
      assertTrue(rows.stream().anyMatch(row -> row.get(2).contains(",")),
          "some content has a comma");
    }
  }

  @Test void quotesInsideValuesAreDoubled() throws Exception {
    String out = csv(AWKWARD);
    assertEquals(List.of(
        "\"quoted\",\"apostrophe\",\"blank\",\"no_text\",\"no_number\",\"text_null\"",
        "\"say \"\"hi\"\", then leave\",\"it's\",\"\",,,\"null\""),
        out.strip().lines().toList(), "a NULL is an empty field without quotes");
    List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().build()
        .parse(new StringReader(out)).getRecords();
    assertEquals(List.of("say \"hi\", then leave", "it's", "", "", "", "null"),
        records.get(0).toList());
  }

  @Test void postgresqlCopiesItIn() throws Exception {
    String out = csv(QUERY);
    try (Connection pg = DriverManager.getConnection(postgres.jdbcUrl("postgres"));
         Statement s = pg.createStatement()) {
      s.execute("create table inbox_export (id text, account_id text,"
          + " last_message_content text, unread_count integer)");
      long copied = pg.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("copy inbox_export from stdin csv header", new StringReader(out));
      assertEquals(40, copied);
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("select id, account_id, last_message_content,"
          + " unread_count::text from inbox_export order by id collate \"C\"")) {
        while (rs.next()) {
          rows.add(Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getString(4)));
        }
      }
      assertEquals(jdbcRows(QUERY), rows);
    }
  }
}
