package ai.sendpilot.sql.pgwire;

import static ai.sendpilot.sql.pgwire.PgFixture.ALICE;
import static ai.sendpilot.sql.pgwire.PgFixture.ALICE_PASSWORD;
import static ai.sendpilot.sql.pgwire.PgFixture.BOB;
import static ai.sendpilot.sql.pgwire.PgFixture.BOB_PASSWORD;
import static ai.sendpilot.sql.pgwire.PgFixture.HASHED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.SimulatorConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.util.PSQLException;

/** pgjdbc, the driver of Metabase and DBeaver, against the endpoint: every answer checked. */
class PgJdbcTest {
  private static final String PER_ACCOUNT = "select account_id, count(*) as n,"
      + " max(last_activity_at) as newest from sendpilot.conversations group by account_id"
      + " order by account_id";

  @TempDir static Path dir;
  private static PgFixture fixture;

  @BeforeAll static void start() throws Exception {
    fixture = PgFixture.start(PgFixture.config(PgFixture.usersFile(dir), null, null));
  }

  @AfterAll static void stop() {
    fixture.close();
  }

  @Test void queryAnswersTheEmbeddedDriversRows() throws Exception {
    List<String> expected = fixture.embeddedRows(PER_ACCOUNT);
    assertFalse(expected.isEmpty());
    try (Connection c = fixture.alice()) {
      assertEquals(expected, PgFixture.rows(c, PER_ACCOUNT));
      assertEquals("17.0 (SendPilot)", c.getMetaData().getDatabaseProductVersion());
    }
  }

  @Test void rowDescriptionCarriesPostgresTypesAndModifiers() throws Exception {
    try (Connection c = fixture.alice(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id, account_id, last_activity_at,"
             + " cast(1 as smallint) as s, cast(2 as integer) as i, cast(3 as bigint) as b,"
             + " cast(1.5 as real) as r, cast(2.25 as double) as d,"
             + " cast(12.345 as decimal(9, 3)) as n, true as t, date '2024-02-29' as dt,"
             + " cast('x' as varchar(20)) as v"
             + " from sendpilot.conversations limit 1")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(List.of("varchar", "varchar", "timestamp", "int2", "int4", "int8", "float4",
          "float8", "numeric", "bool", "date", "varchar"), typeNames(md));
      assertEquals(9, md.getPrecision(9));
      assertEquals(3, md.getScale(9));
      assertEquals(20, md.getPrecision(12));
      assertTrue(rs.next());
      assertEquals(1, rs.getShort("s"));
      assertEquals(2, rs.getInt("i"));
      assertEquals(3L, rs.getLong("b"));
      assertEquals(1.5f, rs.getFloat("r"));
      assertEquals(2.25, rs.getDouble("d"));
      assertEquals(new BigDecimal("12.345"), rs.getBigDecimal("n"));
      assertTrue(rs.getBoolean("t"));
      assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("dt", LocalDate.class));
      assertEquals("x", rs.getString("v"));
    }
  }

  private static List<String> typeNames(ResultSetMetaData md) throws SQLException {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      names.add(md.getColumnTypeName(i));
    }
    return names;
  }

  @Test void preparedStatementsPastTheThresholdUseBinaryTransferWithTheSameRows()
      throws Exception {
    String sql = "select id, account_id, last_activity_at, unread_count"
        + " from sendpilot.conversations where account_id = ? order by id limit ?";
    try (Connection c = fixture.pg(ALICE, ALICE_PASSWORD, "prepareThreshold=2");
         Connection embedded = fixture.embedded();
         PreparedStatement ps = c.prepareStatement(sql);
         PreparedStatement reference = embedded.prepareStatement(sql)) {
      for (int run = 0; run < 6; run++) {
        String account = run % 2 == 0 ? "acc_emea_01" : "acc_na_01";
        ps.setString(1, account);
        ps.setInt(2, 5 + run);
        reference.setString(1, account);
        reference.setInt(2, 5 + run);
        List<String> expected;
        try (ResultSet rs = reference.executeQuery()) {
          expected = PgFixture.rows(rs);
        }
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(expected, PgFixture.rows(rs), "run " + run);
        }
        assertEquals(5 + run, expected.size());
      }
      assertTrue(ps.unwrap(PGStatement.class).isUseServerPrepare(),
          "named server-prepared statement after the threshold");
    }
  }

  @Test void binaryResultsOfEveryUsualTypeDecode() throws Exception {
    String sql = "select cast(? as smallint) as s, cast(? as integer) as i,"
        + " cast(? as bigint) as b, cast(? as real) as r, cast(? as double) as d,"
        + " cast(? as decimal(20, 6)) as n, cast(? as boolean) as t, cast(? as date) as dt,"
        + " cast(? as timestamp) as ts, cast(? as varchar(30)) as v";
    try (Connection c = fixture.pg(ALICE, ALICE_PASSWORD, "prepareThreshold=-1");
         PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setShort(1, (short) -7);
      ps.setInt(2, 123_456);
      ps.setLong(3, -9_000_000_000L);
      ps.setFloat(4, 0.25f);
      ps.setDouble(5, -1e20);
      ps.setBigDecimal(6, new BigDecimal("-123456789.000123"));
      ps.setBoolean(7, false);
      ps.setObject(8, LocalDate.of(1999, 12, 31));
      ps.setObject(9, LocalDateTime.of(2026, 3, 4, 5, 6, 7, 891_000_000));
      ps.setString(10, "grüße");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(-7, rs.getShort(1));
        assertEquals(123_456, rs.getInt(2));
        assertEquals(-9_000_000_000L, rs.getLong(3));
        assertEquals(0.25f, rs.getFloat(4));
        assertEquals(-1e20, rs.getDouble(5));
        assertEquals(new BigDecimal("-123456789.000123"), rs.getBigDecimal(6));
        assertFalse(rs.getBoolean(7));
        assertEquals(LocalDate.of(1999, 12, 31), rs.getObject(8, LocalDate.class));
        assertEquals(LocalDateTime.of(2026, 3, 4, 5, 6, 7, 891_000_000),
            rs.getObject(9, LocalDateTime.class));
        assertEquals("grüße", rs.getString(10));
      }
    }
  }

  @Test void fetchSizeStreamsThroughASuspendedPortalInATransaction() throws Exception {
    String sql = "select id, account_id from sendpilot.conversations order by id";
    List<String> expected = fixture.embeddedRows(sql);
    assertEquals(800, expected.size());
    try (Connection c = fixture.alice()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(50);
        try (ResultSet rs = s.executeQuery(sql)) {
          assertEquals(expected, PgFixture.rows(rs));
        }
      }
      c.commit();
      c.setAutoCommit(true);
      assertEquals(List.of("1"), PgFixture.rows(c, "select 1"));
    }
  }

  @Test void maxRowsLimitsTheRowsSent() throws Exception {
    try (Connection c = fixture.alice(); Statement s = c.createStatement()) {
      s.setMaxRows(7);
      try (ResultSet rs = s.executeQuery("select id from sendpilot.conversations")) {
        assertEquals(7, PgFixture.rows(rs).size());
      }
    }
  }

  @Test void errorsCarryTheDriversSqlStateAndTheSessionGoesOn() throws Exception {
    try (Connection c = fixture.alice(); Statement s = c.createStatement()) {
      PSQLException e = assertThrows(PSQLException.class,
          () -> s.executeQuery("select no_such_column from sendpilot.conversations"));
      assertTrue(e.getMessage().contains("NO_SUCH_COLUMN")
          || e.getMessage().toLowerCase().contains("no_such_column"), e.getMessage());
      assertEquals("ERROR", e.getServerErrorMessage().getSeverity());
      assertEquals(5, e.getSQLState().length());
      assertEquals(List.of("1"), PgFixture.rows(c, "select 1"));
    }
  }

  @Test void transactionsAreAcceptedAndAFailedOneNeedsARollback() throws Exception {
    try (Connection c = fixture.alice()) {
      c.setAutoCommit(false);
      assertEquals(List.of("1"), PgFixture.rows(c, "select 1"));
      assertThrows(SQLException.class, () -> PgFixture.rows(c, "select nope"));
      SQLException aborted = assertThrows(SQLException.class,
          () -> PgFixture.rows(c, "select 2"));
      assertEquals("25P02", aborted.getSQLState());
      c.rollback();
      assertEquals(List.of("3"), PgFixture.rows(c, "select 3"));
      c.commit();
    }
  }

  @Test void cancelStopsTheRunningQuery() throws Exception {
    try (PgFixture slow = PgFixture.start(PgFixture.config(PgFixture.usersFile(dir), null, null),
            SimulatorConfig.builder().seed(3).conversations(5000)
                .latency(Duration.ofMillis(300)));
         Connection c = slow.alice(); Statement s = c.createStatement()) {
      Thread canceller = new Thread(() -> {
        try {
          while (slow.sim.requestCount() < 2) {
            Thread.sleep(10);
          }
          s.cancel();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      canceller.start();
      long started = System.nanoTime();
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("select count(*) from sendpilot.conversations"));
      canceller.join();
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(System.nanoTime() - started < 10_000_000_000L, "stopped, not run to the end");
      assertEquals(List.of("1"), PgFixture.rows(c, "select 1"));
    }
  }

  @Test void queryTimeoutCancelsTheQuery() throws Exception {
    try (PgFixture slow = PgFixture.start(PgFixture.config(PgFixture.usersFile(dir), null, null),
            SimulatorConfig.builder().seed(3).conversations(5000)
                .latency(Duration.ofMillis(300)));
         Connection c = slow.alice(); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("select count(*) from sendpilot.conversations"));
      assertEquals("57014", e.getSQLState(), e.getMessage());
    }
  }

  @Test void wrongPasswordFailsWith28P01() {
    PSQLException e = assertThrows(PSQLException.class,
        () -> fixture.pg(ALICE, "not-her-password", "").close());
    assertEquals("28P01", e.getSQLState());
    PSQLException unknown = assertThrows(PSQLException.class,
        () -> fixture.pg("mallory", "guess", "").close());
    assertEquals("28P01", unknown.getSQLState());
  }

  @Test void aUserWithAHashedPasswordCannotUseScram() {
    PSQLException e = assertThrows(PSQLException.class,
        () -> fixture.pg(HASHED, "anything", "").close());
    assertEquals("28P01", e.getSQLState());
  }

  @Test void eachUserLogsInWithTheirOwnPasswordAndGetsABackendKey() throws Exception {
    try (Connection a = fixture.alice(); Connection b = fixture.pg(BOB, BOB_PASSWORD, "")) {
      int pidA = a.unwrap(PGConnection.class).getBackendPID();
      int pidB = b.unwrap(PGConnection.class).getBackendPID();
      assertTrue(pidA > 0 && pidB > 0 && pidA != pidB);
      assertEquals(List.of("bob"), PgFixture.rows(b, "show session_authorization"));
    }
  }

  @Test void hikariPoolsSessionsAndValidatesThemWithEmptyQueries() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(fixture.url(""));
    config.setUsername(ALICE);
    config.setPassword(ALICE_PASSWORD);
    config.setMaximumPoolSize(3);
    config.setAutoCommit(false);
    List<String> expected = fixture.embeddedRows(PER_ACCOUNT);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      for (int i = 0; i < 5; i++) {
        try (Connection c = pool.getConnection()) {
          assertTrue(c.isValid(2));
          assertEquals(expected, PgFixture.rows(c, PER_ACCOUNT));
          c.commit();
        }
      }
    }
  }

  @Test void simpleQueryModeRunsSeveralStatementsInOneString() throws Exception {
    try (Connection c = fixture.pg(ALICE, ALICE_PASSWORD, "preferQueryMode=simple");
         Statement s = c.createStatement()) {
      assertTrue(s.execute("select 1 as a; select 'two' as b;; -- trailing comment"));
      try (ResultSet first = s.getResultSet()) {
        assertEquals(List.of("1"), PgFixture.rows(first));
      }
      assertTrue(s.getMoreResults());
      try (ResultSet second = s.getResultSet()) {
        assertEquals(List.of("two"), PgFixture.rows(second));
      }
      assertFalse(s.getMoreResults());
      assertEquals(fixture.embeddedRows(PER_ACCOUNT), PgFixture.rows(c, PER_ACCOUNT));
    }
  }
}
