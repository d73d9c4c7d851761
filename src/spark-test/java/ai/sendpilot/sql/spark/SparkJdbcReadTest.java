package ai.sendpilot.sql.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.jdbc.SendPilotDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark in local mode reads the inbox through the driver, one partition per sender account:
 * the rows equal a direct JDBC read, each partition asks only for its account's pages, and the
 * schema probe ({@code WHERE 1=0}) sends no request. Loopback only.
 */
class SparkJdbcReadTest {
  private static final List<String> ACCOUNTS =
      List.of("acc_emea_01", "acc_emea_02", "acc_na_01", "acc_apac_01");
  private static final Pattern ACCOUNT_ID = Pattern.compile("[?&]accountId=([^&]+)");

  private static InboxSimulator sim;
  private static SparkSession spark;

  @BeforeAll static void start() {
    sim = new InboxSimulator(SimulatorConfig.builder().seed(13).conversations(2000).build())
        .start();
    spark = SparkSession.builder().master("local[2]").appName("sendpilot-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  @AfterAll static void stop() {
    spark.stop();
    sim.close();
  }

  private static String url() {
    return SendPilotDriver.PREFIX + "baseUrl=" + sim.baseUrl() + ";apiKey=" + sim.apiKey();
  }

  private static Dataset<Row> conversationsByAccount() {
    Properties properties = new Properties();
    properties.setProperty("driver", SendPilotDriver.class.getName());
    String[] predicates = ACCOUNTS.stream().map(a -> "account_id = '" + a + "'")
        .toArray(String[]::new);
    return spark.read().jdbc(url(), "conversations", predicates, properties);
  }

  /** The requests the simulator received since {@code from}, by account id ("" for none). */
  private static Map<String, Integer> requestsByAccount(int from) {
    List<String> log = sim.recentRequests();
    Map<String, Integer> byAccount = new TreeMap<>();
    for (String request : log.subList(from, log.size())) {
      Matcher m = ACCOUNT_ID.matcher(request);
      byAccount.merge(m.find() ? m.group(1) : "", 1, Integer::sum);
    }
    return byAccount;
  }

  @Test void onePartitionPerAccountEachSendingOnlyItsAccountsRequests() throws Exception {
    int before = sim.recentRequests().size();
    Dataset<Row> conversations = conversationsByAccount();
    assertEquals(Map.of(), requestsByAccount(before), "the schema probe sent requests");
    assertEquals(ACCOUNTS.size(), conversations.rdd().getNumPartitions());

    List<String> fromSpark = new ArrayList<>();
    for (Row row : conversations.select("id", "account_id", "unread_count", "last_activity_at")
        .collectAsList()) {
      fromSpark.add(row.getString(0) + "|" + row.getString(1) + "|" + row.getInt(2) + "|"
          + row.getTimestamp(3).getTime());
    }
    // 2,000 conversations, 500 per account, pages of 100: five requests per account.
    Map<String, Integer> expected = new TreeMap<>();
    ACCOUNTS.forEach(a -> expected.put(a, 5));
    assertEquals(expected, requestsByAccount(before));

    List<String> direct = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "select id, account_id, unread_count, last_activity_at from conversations")) {
      while (rs.next()) {
        direct.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getInt(3) + "|"
            + rs.getTimestamp(4).getTime());
      }
    }
    assertEquals(2000, direct.size());
    fromSpark.sort(null);
    direct.sort(null);
    assertEquals(direct, fromSpark);
  }

  /**
   * Spark sends no LIMIT to a dialect it does not know ({@code supportsLimit} is false), but it
   * stops reading once it has the rows, and the driver's lazy paging then leaves it at the
   * first page of the partitions that ran.
   */
  @Test void aLimitReadsOnlyFirstPages() {
    int before = sim.recentRequests().size();
    assertEquals(5, conversationsByAccount().limit(5).collectAsList().size());
    List<String> requests = sim.recentRequests();
    List<String> sent = requests.subList(before, requests.size());
    assertTrue(!sent.isEmpty() && sent.size() <= ACCOUNTS.size(), sent.toString());
    sent.forEach(r -> assertTrue(r.contains("accountId=") && !r.contains("continuationToken"),
        sent.toString()));
  }

  @Test void sparksOwnFiltersAndAggregatesRunOverThePartitions() {
    Dataset<Row> conversations = conversationsByAccount();
    List<Row> unread = conversations.filter("unread_count > 0").groupBy("account_id").count()
        .orderBy("account_id").collectAsList();
    assertEquals(ACCOUNTS.size(), unread.size());
    long total = unread.stream().mapToLong(r -> r.getLong(1)).sum();
    assertTrue(total > 0 && total < 2000, unread.toString());
    assertEquals(total, conversations.filter("unread_count > 0").count());
  }
}
