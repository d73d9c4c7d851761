package ai.sendpilot.sql.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDBC tool in a JVM of its own, as a BI tool loads the driver: connects to the URL of its
 * first argument, runs the SQL of its second, and prints each row's values separated by tabs
 * (a timestamp as {@link java.sql.Timestamp#toString} writes it).
 */
public final class JdbcClientMain {
  private JdbcClientMain() {
  }

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(args[0]);
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(args[1])) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getMetaData().getColumnType(i) == Types.TIMESTAMP
              ? rs.getTimestamp(i).toString() : rs.getString(i));
        }
        System.out.println(String.join("\t", row));
      }
    }
  }
}
