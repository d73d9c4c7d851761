package ai.sendpilot.sql.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;

/** Opens driver connections to a MockWebServer and reads results as text rows. */
public final class Jdbc {
  private Jdbc() {
  }

  /**
   * A driver connection to {@code server}, without the connect-time check so that the requests
   * it receives are the queries' own; {@code extra} are more {@code name=value} pairs.
   */
  public static Connection connect(MockWebServer server, String... extra) throws SQLException {
    StringBuilder url = new StringBuilder("jdbc:sendpilot:baseUrl=" + baseUrl(server)
        + ";apiKey=" + FakeInbox.KEY + ";validateOnConnect=false");
    for (String property : extra) {
      url.append(';').append(property);
    }
    return DriverManager.getConnection(url.toString());
  }

  public static String baseUrl(MockWebServer server) {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** All rows of {@code sql}, each as its columns' {@code getString} joined by "; ". */
  public static List<String> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  public static List<String> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> rows = new ArrayList<>();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.append(i == 1 ? "" : "; ").append(rs.getString(i));
      }
      rows.add(row.toString());
    }
    return rows;
  }

  /** The plan text of {@code EXPLAIN PLAN FOR sql}. */
  public static String explain(Connection c, String sql) throws SQLException {
    return String.join("\n", rows(c, "explain plan for " + sql));
  }

  /** The named columns of every row of {@code rs}, each row joined by "|"; closes it. */
  public static List<String> columns(ResultSet rs, String... columns) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (String column : columns) {
          values.add(rs.getString(column));
        }
        rows.add(String.join("|", values));
      }
    }
    return rows;
  }
}
