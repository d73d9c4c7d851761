package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A query that only computes (a cross join, a sort) stops at its deadline, on cancel and on
 * close; a value or rows past the memory budget fail that query with 53200 while another
 * connection's query goes on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryLimitsTest {
  /** Never yields a row: three-way cross join of the demo's conversations, all filtered out. */
  private static final String CROSS_JOIN_COUNT = "select count(*) from conversations a,"
      + " conversations b, conversations c where a.id || b.id || c.id = 'none'";
  /** A three-way cross join whose rows a sort must hold. */
  private static final String CROSS_JOIN_SORTED = "select a.id, b.id, c.id from conversations a,"
      + " conversations b, conversations c order by a.last_message_content, b.id, c.id";
  private static final String REPEAT = "select char_length(repeat('x', 300000000))"
      + " from (values 1)";
  private static final String OTHER = "select count(*) from conversations";
  /** A query that finishes well within a short deadline, even on a loaded machine. */
  private static final String SHORT = "select count(*) from (select id from conversations"
      + " limit 5)";

  private final ExecutorService background = Executors.newCachedThreadPool();

  @AfterEach void stop() {
    background.shutdownNow();
  }

  private static Connection demo(String... settings) throws SQLException {
    return DriverManager.getConnection("jdbc:sendpilot:demo=true"
        + (settings.length == 0 ? "" : ";" + String.join(";", settings)));
  }

  private static SQLException failure(Statement s, String sql) {
    return assertThrows(SQLException.class, () -> {
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    });
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test void queryTimeoutMsEndsAQueryThatOnlyComputes() throws Exception {
    try (Connection c = demo("queryTimeoutMs=1500"); Statement s = c.createStatement()) {
      SQLException e = failure(s, CROSS_JOIN_COUNT);
      assertInstanceOf(SQLTimeoutException.class, e, e::toString);
      assertEquals("57014", e.getSQLState(), e::toString);
      assertTrue(e.getMessage().contains("The query timed out after 1500 ms (queryTimeoutMs)"
          + " while "), e::toString);
      // The connection goes on.
      assertEquals(5, count(c, SHORT));
    }
  }

  @Test void statementQueryTimeoutTakesPrecedence() throws Exception {
    try (Connection c = demo("queryTimeoutMs=600000"); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      SQLException e = failure(s, CROSS_JOIN_COUNT);
      assertEquals("57014", e.getSQLState(), e::toString);
      assertTrue(e.getMessage().contains("The query timed out after 1000 ms"
          + " (Statement.setQueryTimeout) while "), e::toString);
    }
  }

  /** Waits until {@code thread} is inside the query's guarded operators. */
  private static void awaitComputing(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + Requests.DEADLINE.toNanos() * 3;
    while (System.nanoTime() - deadline < 0) {
      if (thread != null && Arrays.stream(thread.getStackTrace()).anyMatch(
          frame -> frame.getClassName().startsWith("ai.sendpilot.sql.scan.GuardedEnumerable"))) {
        return;
      }
      Thread.sleep(5);
    }
    fail("the query never started computing");
  }

  /** How a computing query is stopped from another thread. */
  private enum Stop { CANCEL, CLOSE_STATEMENT, CLOSE_CONNECTION }

  private void stoppedWhileComputing(Stop stop) throws Exception {
    Connection c = demo("queryTimeoutMs=0");
    try {
      Statement s = c.createStatement();
      AtomicReference<Thread> reader = new AtomicReference<>();
      Future<SQLException> reading = background.submit(() -> {
        reader.set(Thread.currentThread());
        return failure(s, CROSS_JOIN_COUNT);
      });
      while (reader.get() == null) {
        Thread.onSpinWait();
      }
      awaitComputing(reader.get());
      switch (stop) {
        case CANCEL -> s.cancel();
        case CLOSE_STATEMENT -> s.close();
        default -> c.close();
      }
      SQLException e = reading.get(Requests.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      assertEquals("HY008", e.getSQLState(), e::toString);
      assertTrue(e.getMessage().contains("The query was cancelled while "), e::toString);
    } finally {
      c.close();
    }
  }

  @Test void cancelStopsAQueryThatOnlyComputes() throws Exception {
    stoppedWhileComputing(Stop.CANCEL);
  }

  @Test void closingTheStatementStopsAQueryThatOnlyComputes() throws Exception {
    stoppedWhileComputing(Stop.CLOSE_STATEMENT);
  }

  @Test void closingTheConnectionStopsAQueryThatOnlyComputes() throws Exception {
    stoppedWhileComputing(Stop.CLOSE_CONNECTION);
  }

  @Test void aHugeValueFailsItsQueryAndOthersGoOn() throws Exception {
    try (Connection c = demo("maxQueryMemoryMb=64"); Connection other = demo();
         Statement s = c.createStatement()) {
      long before = count(other, OTHER);
      SQLException e = failure(s, REPEAT);
      assertEquals("53200", e.getSQLState(), e::toString);
      assertTrue(e.getMessage().contains("The query would make a value larger than its memory"
          + " budget of 64 MiB (maxQueryMemoryMb): REPEAT of 300000000 characters"), e::toString);
      assertEquals(before, count(other, OTHER));
      // Within the budget, the same function works.
      assertEquals(List.of(1000L), List.of(count(c,
          "select char_length(repeat('x', 1000)) from (values 1)")));
    }
  }

  @Test void rowsASortMustHoldPastTheBudgetFailTheQueryAndOthersGoOn() throws Exception {
    try (Connection c = demo("maxQueryMemoryMb=32"); Connection other = demo();
         Statement s = c.createStatement()) {
      Future<Long> meanwhile = background.submit(() -> count(other, OTHER));
      SQLException e = failure(s, CROSS_JOIN_SORTED);
      assertEquals("53200", e.getSQLState(), e::toString);
      assertTrue(e.getMessage().contains("The query holds more rows than its memory budget of"
          + " 32 MiB (maxQueryMemoryMb) allows"), e::toString);
      assertTrue(meanwhile.get(Requests.DEADLINE.toMillis(), TimeUnit.MILLISECONDS) > 0);
      assertEquals(meanwhile.get(), count(other, OTHER));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select char_length(lpad('x', 100000000)) from (values 1)",
      "select char_length(rpad('x', 100000000, 'yz')) from (values 1)",
      "select char_length(repeat('x', 20000000) || repeat('y', 20000000)) from (values 1)",
      "select char_length(t.s || t.s) from (select repeat('x', 20000000) as s from (values 1)) t",
      "select char_length(replace(repeat('x', 1000000), 'x', repeat('y', 100))) from (values 1)",
      "select char_length(concat(repeat('x', 20000000), repeat('y', 20000000))) from (values 1)",
      "select char_length(repeat(id, 10000000)) from conversations"})
  void everyFunctionThatMakesLargeStringsIsBounded(String sql) throws Exception {
    try (Connection c = demo("maxQueryMemoryMb=64"); Statement s = c.createStatement()) {
      SQLException e = failure(s, sql);
      assertEquals("53200", e.getSQLState(), e::toString);
      assertTrue(e.getMessage().contains("The query would make a value larger than its memory"
          + " budget of 64 MiB (maxQueryMemoryMb)"), e::toString);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "select lpad('ab', 5, 'x') from (values 1) => xxxab",
      "select rpad('ab', 4) from (values 1) => 'ab  '",
      "select repeat('ab', 3) || 'c' from (values 1) => abababc",
      "select replace('a-b-c', '-', '--') from (values 1) => a--b--c",
      "select concat('a', null, 'b') from (values 1) => ab",
      "select repeat('ab', 0) || lpad('x', 0) from (values 1) => ''",
      "select repeat(cast(null as varchar), 3) from (values 1) => null"})
  void withinTheBudgetTheFunctionsAnswerAsBefore(String sql, String expected) throws Exception {
    try (Connection c = demo("maxQueryMemoryMb=64")) {
      assertEquals(Arrays.asList(expected), Jdbc.rows(c, sql));
    }
  }
}
