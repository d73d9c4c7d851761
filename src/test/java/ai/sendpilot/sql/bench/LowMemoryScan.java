package ai.sendpilot.sql.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;

/**
 * Run in its own JVM with a small heap: a {@code count(*)} and a streaming {@code select *}
 * over the whole inbox; prints the counts, the seconds and the peak resident set size.
 */
public final class LowMemoryScan {
  private LowMemoryScan() {
  }

  public static void main(String[] args) throws Exception {
    String url = "jdbc:sendpilot:baseUrl=" + args[0] + ";apiKey=" + args[1]
        + ";requestsPerSecond=100000;maxConcurrentRequests=8;pageCacheMaxConversations=0";
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      long start = System.nanoTime();
      try (ResultSet rs = s.executeQuery("select count(*) from conversations")) {
        rs.next();
        System.out.println("count " + rs.getLong(1) + " " + Stats.millisSince(start) / 1000);
      }
      start = System.nanoTime();
      long rows = 0;
      try (ResultSet rs = s.executeQuery("select * from conversations")) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          for (int i = 1; i <= md.getColumnCount(); i++) {
            rs.getObject(i);
          }
          rows++;
        }
      }
      System.out.println("select " + rows + " " + Stats.millisSince(start) / 1000);
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        System.out.println("peak " + line.replaceAll("\\D", ""));
      }
    }
  }
}
