package ai.sendpilot.sql.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.sendpilot.sql.demo.InboxSimulator;
import ai.sendpilot.sql.demo.SimulatorConfig;
import ai.sendpilot.sql.differential.HostileApi.Mode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The differential test's hostile passes: the generated queries (and messages queries of the
 * hostile side) through a {@link HostileApi} in front of the simulator, compared with the same
 * queries through the driver on the honest simulator. An API that repeats conversations gives
 * the same rows; one that alternates its pages fails each query that reads on with the paging
 * error; one that echoes the key in other spellings never gets it into an error; odd ids never
 * send a request outside the inbox paths; a messages page of another conversation fails the
 * query. {@code -Ddifferential.hostileQueries=N} runs N generated queries per pass.
 */
class HostileDifferentialTest {
  private static final int DEFAULT_QUERIES = 12;
  private static final long FIRST_SEED = 20_250_101L;
  private static final String SETTINGS = ";requestsPerSecond=100000;validateOnConnect=false"
      + ";pageSize=7;pageCacheTtlMs=0";
  private static final Pattern MESSAGES_PATH =
      Pattern.compile("^/v1/inbox/conversations/[^/]+/messages$");

  private static InboxSimulator simulator;
  private static Connection honest;
  private static InboxFacts facts;
  /** Per account, the conversations that get odd ids (its newest ones). */
  private static final Map<String, List<String>> ODD_FOR = new LinkedHashMap<>();

  @BeforeAll static void start() throws SQLException {
    simulator = new InboxSimulator(SimulatorConfig.builder().seed(11).conversations(120)
        .accountIds("acc_emea_01", "acc_na_1").tiesPercent(30).build()).start();
    facts = InboxFacts.of(simulator.inbox());
    honest = DriverManager.getConnection("jdbc:sendpilot:baseUrl=" + simulator.baseUrl()
        + ";apiKey=" + simulator.apiKey() + SETTINGS);
    for (String account : facts.accounts()) {
      List<String> ids = new ArrayList<>();
      for (List<Object> row : rows(honest, "select id from conversations where account_id = '"
          + account + "' order by last_activity_at desc, id limit "
          + HostileApi.ODD_IDS.size())) {
        ids.add((String) row.get(0));
      }
      ODD_FOR.put(account, ids);
    }
  }

  @AfterAll static void stop() throws SQLException {
    if (honest != null) {
      honest.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  /** A hostile API of {@code mode} and a driver connection to it; both closed by the caller. */
  private record Hostile(MockWebServer server, HostileApi api, Connection driver)
      implements AutoCloseable {
    static Hostile of(Mode mode) throws Exception {
      MockWebServer server = new MockWebServer();
      HostileApi api = new HostileApi(simulator.baseUrl(), simulator.apiKey(), mode, ODD_FOR);
      server.setDispatcher(api);
      server.start();
      Connection driver = DriverManager.getConnection("jdbc:sendpilot:baseUrl=http://127.0.0.1:"
          + server.getPort() + ";apiKey=" + simulator.apiKey() + SETTINGS);
      return new Hostile(server, api, driver);
    }

    @Override public void close() throws Exception {
      driver.close();
      server.close();
    }
  }

  /** What one execution gave: rows, or the failure's whole text and SQLState. */
  private record Outcome(List<List<Object>> rows, String failure, String state) {
    static Outcome of(Connection c, String sql, List<Object> parameters) {
      try {
        return new Outcome(HostileDifferentialTest.rows(c, sql, parameters), null, null);
      } catch (SQLException e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return new Outcome(null, text.toString(), e.getSQLState());
      }
    }
  }

  private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    return rows(c, sql, List.of());
  }

  private static List<List<Object>> rows(Connection c, String sql, List<Object> parameters)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        s.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rs = s.executeQuery()) {
        return ResultRows.read(rs);
      }
    }
  }

  /** The honest rows a generated query must agree with: the full result for a window check. */
  private static String difference(QueryCase query, List<Object> parameters,
      List<List<Object>> actual) throws SQLException {
    Check check = query.check();
    boolean window = check.kind() == Check.Kind.WINDOW;
    List<List<Object>> expected = rows(honest, window ? check.fullSql() : query.sql(),
        window ? parameters.subList(0, parameters.size() - check.boundParameters())
            : parameters);
    return Comparison.difference(check, expected, actual, parameters);
  }

  /** Runs the generated queries through {@code hostile}; {@code judge} checks each failure. */
  private static List<String> generated(Hostile hostile, FailureJudge judge) throws Exception {
    int queries = Integer.getInteger("differential.hostileQueries", DEFAULT_QUERIES);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      QueryCase query = QueryGenerator.generate(FIRST_SEED + i, facts);
      for (List<Object> parameters : query.executions()) {
        Outcome outcome = Outcome.of(hostile.driver(), query.sql(), parameters);
        String problem = outcome.failure() != null ? judge.problem(outcome)
            : judge.skipsRows() ? null : difference(query, parameters, outcome.rows());
        if (problem != null) {
          problems.add("seed " + (FIRST_SEED + i) + ": " + query.sql() + " " + parameters
              + "\n  " + problem);
        }
      }
    }
    return problems;
  }

  /** Whether a failure is the expected one; null when it is. */
  @FunctionalInterface
  private interface FailureJudge {
    String problem(Outcome outcome);

    /** Whether the rows of successes are left unchecked (the API bends the data). */
    default boolean skipsRows() {
      return false;
    }
  }

  private static void assertNone(List<String> problems) {
    if (!problems.isEmpty()) {
      fail(problems.size() + " problems:\n" + String.join("\n", problems.subList(0,
          Math.min(10, problems.size()))));
    }
  }

  @Test void repeatedConversationsGiveTheSameRows() throws Exception {
    try (Hostile hostile = Hostile.of(Mode.REPEATS)) {
      assertNone(generated(hostile, outcome -> "fails: " + outcome.failure()));
    }
  }

  @Test void alternatingPagesFailWithThePagingError() throws Exception {
    try (Hostile hostile = Hostile.of(Mode.ALTERNATING)) {
      int[] failed = {0};
      assertNone(generated(hostile, new FailureJudge() {
        @Override public String problem(Outcome outcome) {
          failed[0]++;
          // Pages of shifting contents either bring only repeats, or break the order a
          // newest-first query relies on: either way an error naming the request.
          String text = outcome.failure();
          return "HY000".equals(outcome.state())
              && text.contains("SendPilot API request GET /v1/inbox/conversations")
              && (text.contains("repeats dropped")
                  || text.contains("breaking the newest-activity-first order")) ? null
              : "not the paging error: " + text;
        }

        @Override public boolean skipsRows() {
          return true;
        }
      }));
      assertTrue(failed[0] > 0, "no query read past the alternating pages");
      assertTrue(hostile.api().paths().size() < 40 * 15 * 2,
          hostile.api().paths().size() + " requests");
    }
  }

  @Test void echoedKeysNeverReachAnError() throws Exception {
    try (Hostile hostile = Hostile.of(Mode.ECHOED_KEYS)) {
      List<String> spellings = hostile.api().spellings();
      String key = simulator.apiKey().toLowerCase(Locale.ROOT);
      assertNone(generated(hostile, outcome -> {
        String text = outcome.failure();
        for (String spelling : spellings) {
          if (text.contains(spelling) || text.toLowerCase(Locale.ROOT).contains(key)) {
            return "the key (" + spelling + ") in: " + text;
          }
        }
        return text.contains("no such key [redacted]") ? null : "not the API's error: " + text;
      }));
    }
  }

  /** Messages queries of the hostile side: named conversations, and a join from a window. */
  private static List<String> messagesQueries(String account) {
    List<String> queries = new ArrayList<>();
    for (String id : HostileApi.ODD_IDS) {
      queries.add("select id, content from messages where account_id = '" + account
          + "' and conversation_id = '" + id + "'");
    }
    queries.add("select c.id, m.id, m.content from conversations c join messages m"
        + " on m.conversation_id = c.id and m.account_id = c.account_id"
        + " where c.account_id = '" + account + "' and c.last_activity_at >= "
        + facts.activityTimes().get(0));
    return queries;
  }

  @Test void oddIdsStayInsideTheInboxPaths() throws Exception {
    List<String> dots = List.of("..", "%2e%2e", ".");
    try (Hostile hostile = Hostile.of(Mode.ODD_IDS)) {
      List<String> problems = new ArrayList<>();
      for (String account : facts.accounts()) {
        List<String> queries = messagesQueries(account);
        for (int i = 0; i < queries.size(); i++) {
          Outcome outcome = Outcome.of(hostile.driver(), queries.get(i), List.of());
          boolean named = i < HostileApi.ODD_IDS.size();
          String id = named ? HostileApi.ODD_IDS.get(i) : null;
          if (outcome.failure() != null) {
            boolean refused = "22023".equals(outcome.state())
                && (named ? dots.contains(id) && outcome.failure().contains("conversation_id '"
                    + id + "' cannot name a conversation") : outcome.failure()
                    .contains("cannot name a conversation"));
            if (!refused) {
              problems.add(queries.get(i) + ": " + outcome.failure());
            }
          } else if (named && dots.contains(id)) {
            problems.add(queries.get(i) + ": not refused");
          } else if (named) {
            String real = ODD_FOR.get(account).get(i);
            List<List<Object>> expected = rows(honest, queries.get(i).replace("'" + id + "'",
                "'" + real + "'"));
            if (!expected.equals(outcome.rows())) {
              problems.add(queries.get(i) + ": " + outcome.rows() + " instead of " + expected);
            }
          }
        }
      }
      assertNone(problems);
      // Conversations queries read the odd ids as data: they must not fail.
      assertNone(generated(hostile, new FailureJudge() {
        @Override public String problem(Outcome outcome) {
          return "fails: " + outcome.failure();
        }

        @Override public boolean skipsRows() {
          return true;
        }
      }));
      for (String path : hostile.api().paths()) {
        assertTrue(path.equals("/v1/inbox/conversations")
            || MESSAGES_PATH.matcher(path).matches(), "a request outside the inbox: " + path);
      }
      List<String> segments = hostile.api().paths().stream()
          .filter(p -> !p.equals("/v1/inbox/conversations"))
          .map(p -> HttpUrl.get("http://h" + p).pathSegments().get(3)).distinct().toList();
      assertTrue(segments.containsAll(List.of("a/b", "a?b", "a#b", "%2F")), segments.toString());
    }
  }

  @Test void messagesOfAnotherConversationFailTheQuery() throws Exception {
    try (Hostile hostile = Hostile.of(Mode.FOREIGN_MESSAGES)) {
      List<String> problems = new ArrayList<>();
      for (String account : facts.accounts()) {
        String id = ODD_FOR.get(account).get(0);
        for (String sql : List.of("select id from messages where account_id = '" + account
            + "' and conversation_id = '" + id + "'", messagesQueries(account).get(
                HostileApi.ODD_IDS.size()))) {
          Outcome outcome = Outcome.of(hostile.driver(), sql, List.of());
          if (outcome.failure() == null || !outcome.failure().contains(
              "answered with the messages of conversation someone-else-")) {
            problems.add(sql + ": " + (outcome.failure() == null ? outcome.rows()
                : outcome.failure()));
          }
        }
      }
      assertNone(problems);
      // Queries that read no messages agree with the honest API.
      assertNone(generated(hostile, outcome -> "fails: " + outcome.failure()));
    }
  }

  @Test void theHostileApiForwardsFaithfullyWhenItHasNothingToBend() throws Exception {
    try (Hostile hostile = Hostile.of(Mode.FOREIGN_MESSAGES)) {
      assertEquals(rows(honest, "select count(*) from conversations"),
          rows(hostile.driver(), "select count(*) from conversations"));
    }
  }
}
