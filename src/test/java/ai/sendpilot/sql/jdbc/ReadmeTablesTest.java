package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's "Tables" reference says what {@link DatabaseMetaData} says: every column with its
 * type, nullability and size, in order, and each table's primary and foreign keys.
 */
class ReadmeTablesTest {
  private static final List<String> TABLES = List.of("conversations", "participants",
      "messages");
  private static final Pattern TABLE_START = Pattern.compile("^`(\\w+)` — ", Pattern.MULTILINE);
  private static final Pattern PRIMARY_KEY = Pattern.compile("Primary key: `\\(([^)]*)\\)`");
  private static final Pattern FOREIGN_KEY = Pattern.compile(
      "foreign key:\\s+`\\(([^)]*)\\)`\\s+refers to\\s+`(\\w+) \\(([^)]*)\\)`");

  /** The README's text about each table, from its title to the next table's. */
  private static Map<String, String> readmeTables() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("## Tables (schema `sendpilot`, the default)");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    Map<String, String> tables = new LinkedHashMap<>();
    Matcher m = TABLE_START.matcher(section);
    List<Integer> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (m.find()) {
      starts.add(m.start());
      names.add(m.group(1));
    }
    starts.add(section.length());
    for (int i = 0; i < names.size(); i++) {
      tables.put(names.get(i), section.substring(starts.get(i), starts.get(i + 1)));
    }
    return tables;
  }

  /** {@code name | TYPE [NOT NULL] | size} of each column the README's table lists. */
  private static List<String> readmeColumns(String text) {
    List<String> columns = new ArrayList<>();
    for (String line : text.lines().filter(l -> l.startsWith("| `")).toList()) {
      String[] cells = line.split("\\|");
      String type = cells[2].strip().replace("TIMESTAMP(3)", "TIMESTAMP");
      for (String name : cells[1].split(",")) {
        columns.add(name.strip().replace("`", "") + " | " + type + " | " + cells[3].strip());
      }
    }
    return columns;
  }

  @Test void columnsTypesAndSizesAreTheDriversOwn() throws Exception {
    Map<String, String> readme = readmeTables();
    assertEquals(TABLES, List.copyOf(readme.keySet()));
    try (Connection c = DriverManager.getConnection("jdbc:sendpilot:demo=true")) {
      DatabaseMetaData md = c.getMetaData();
      for (String table : TABLES) {
        List<String> actual = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, "sendpilot", table, "%")) {
          while (rs.next()) {
            actual.add(rs.getString("COLUMN_NAME") + " | " + rs.getString("TYPE_NAME")
                + (rs.getString("IS_NULLABLE").equals("NO") ? " NOT NULL" : "") + " | "
                + rs.getInt("COLUMN_SIZE"));
          }
        }
        assertEquals(actual, readmeColumns(readme.get(table)), table);
      }
    }
  }

  @Test void keysAreTheDriversOwn() throws Exception {
    Map<String, String> readme = readmeTables();
    try (Connection c = DriverManager.getConnection("jdbc:sendpilot:demo=true")) {
      DatabaseMetaData md = c.getMetaData();
      for (String table : TABLES) {
        String text = readme.get(table).replaceAll("\\s+", " ");
        Map<Integer, String> primary = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(null, "sendpilot", table)) {
          while (rs.next()) {
            primary.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
          }
        }
        Matcher pk = PRIMARY_KEY.matcher(text);
        assertTrue(pk.find(), "README names no primary key of " + table);
        assertEquals(String.join(", ", primary.values()), pk.group(1), table);

        List<String> foreign = new ArrayList<>();
        Map<Integer, String[]> columns = new TreeMap<>();
        try (ResultSet rs = md.getImportedKeys(null, "sendpilot", table)) {
          while (rs.next()) {
            columns.put(rs.getInt("KEY_SEQ"), new String[] {rs.getString("FKCOLUMN_NAME"),
                rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME")});
          }
        }
        if (!columns.isEmpty()) {
          foreign.add("(" + String.join(", ", columns.values().stream().map(k -> k[0]).toList())
              + ") refers to " + columns.values().iterator().next()[1] + " ("
              + String.join(", ", columns.values().stream().map(k -> k[2]).toList()) + ")");
        }
        List<String> said = new ArrayList<>();
        Matcher fk = FOREIGN_KEY.matcher(text);
        while (fk.find()) {
          said.add("(" + fk.group(1) + ") refers to " + fk.group(2) + " (" + fk.group(3) + ")");
        }
        assertEquals(foreign, said, table);
      }
    }
  }
}
