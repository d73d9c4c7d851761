package ai.sendpilot.sql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.demo.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol's edges with a bare client: limits, timeouts, malformed and hostile input. */
class PgProtocolTest {
  @TempDir Path dir;

  private static PgEndpointConfig trust(int perUser, int total, Duration idle,
      Duration startup) {
    return new PgEndpointConfig(InetAddress.getLoopbackAddress(), 0, null, null, null, perUser,
        total, 100, idle, startup, 1 << 20);
  }

  private static PgEndpointConfig trust() {
    return trust(10, 50, Duration.ofMinutes(10), Duration.ofSeconds(30));
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  private static List<String> query(PgFixture f, String sql) throws SQLException {
    try (Connection c = f.pg("anyone", null, "")) {
      return PgFixture.rows(c, sql);
    }
  }

  @Test void sslAndGssEncRequestsAreDeclinedWithoutTlsAndTheStartupGoesOn() throws Exception {
    try (PgFixture f = PgFixture.start(trust()); RawPg raw = new RawPg(f.server.port())) {
      raw.send(new byte[] {0, 0, 0, 8, 4, (byte) 0xd2, 0x16, 0x2f});
      assertEquals('N', raw.readByte());
      raw.send(new byte[] {0, 0, 0, 8, 4, (byte) 0xd2, 0x16, 0x30});
      assertEquals('N', raw.readByte());
      raw.login("alice");
      raw.send(RawPg.message('Q', RawPg.cstring("select 41 + 1 as answer")));
      List<Character> types = new ArrayList<>();
      RawPg.Message m;
      do {
        m = raw.read();
        types.add(m.type());
      } while (m.type() != 'Z');
      assertEquals(List.of('T', 'D', 'C', 'Z'), types);
    }
  }

  @Test void nothingRunsBeforeAuthentication() throws Exception {
    try (PgFixture f = PgFixture.start(PgFixture.config(PgFixture.usersFile(dir), null, null))) {
      try (RawPg raw = new RawPg(f.server.port())) {
        raw.send(RawPg.message('Q', RawPg.cstring("select 1")));
        RawPg.Message error = raw.readUntilClosed();
        assertNotNull(error);
        assertEquals("08P01", error.fields().get('C'));
      }
      try (RawPg raw = new RawPg(f.server.port())) {
        raw.send(RawPg.startupMessage("user", "alice"));
        RawPg.Message sasl = raw.read();
        assertEquals('R', sasl.type());
        raw.send(RawPg.message('Q', RawPg.cstring("select 1")));
        RawPg.Message error = raw.readUntilClosed();
        assertEquals("08P01", error.fields().get('C'), error.fields().toString());
      }
      assertEquals(0, f.served.get() + f.failed.get(), "no query reached the driver");
      try (Connection c = f.alice()) {
        assertEquals(List.of("1"), PgFixture.rows(c, "select 1"));
      }
    }
  }

  @Test void anOversizedMessageIsRefusedFromItsLengthAlone() throws Exception {
    try (PgFixture f = PgFixture.start(trust()); RawPg raw = new RawPg(f.server.port())) {
      raw.login("alice");
      // A Parse claiming 1 GB: only its header is sent, and the server answers at once.
      raw.send(new byte[] {'P', 0x40, 0, 0, 0, 0, 'x'});
      RawPg.Message error = raw.readUntilClosed();
      assertEquals("54000", error.fields().get('C'));
      assertEquals("FATAL", error.fields().get('S'));
      assertEquals(List.of("1"), query(f, "select 1"));
    }
  }

  @Test void randomAndTruncatedMessagesEndOnlyTheirSession() throws Exception {
    Random random = new Random(20);
    byte[] parse = RawPg.message('P', concat(RawPg.cstring(""),
        RawPg.cstring("select 1"), new byte[] {0, 0}));
    try (PgFixture f = PgFixture.start(trust(10, 50, Duration.ofMinutes(10),
        Duration.ofSeconds(2)))) {
      for (int run = 0; run < 120; run++) {
        try (RawPg raw = new RawPg(f.server.port())) {
          raw.socket.setSoTimeout(10_000);
          byte[] noise = new byte[1 + random.nextInt(200)];
          random.nextBytes(noise);
          switch (run % 4) {
            case 0 -> raw.send(noise);
            case 1 -> raw.login("fuzz").send(noise);
            case 2 -> raw.login("fuzz").send(concat(noise, new byte[] {'S', 0, 0, 0, 4}));
            default -> {
              byte[] cut = new byte[1 + random.nextInt(parse.length - 1)];
              System.arraycopy(parse, 0, cut, 0, cut.length);
              byte[] broken = parse.clone();
              broken[5 + random.nextInt(parse.length - 5)] = (byte) random.nextInt();
              raw.login("fuzz").send(random.nextBoolean() ? cut : broken)
                  .send(new byte[] {'S', 0, 0, 0, 4, 'X', 0, 0, 0, 4});
            }
          }
          raw.send(new byte[] {'X', 0, 0, 0, 4});
          raw.readUntilClosed();
        } catch (IOException e) {
          // The server may close first; what matters is that it goes on serving.
        }
      }
      assertEquals(List.of("1"), query(f, "select 1"));
      await(() -> f.server.openSessions() == 0, "every fuzzed session is closed");
    }
  }

  @Test void stalledStartupsNeitherExhaustTheServerNorLockOutALogin() throws Exception {
    try (PgFixture f = PgFixture.start(trust(10, 20, Duration.ofMinutes(10),
        Duration.ofSeconds(2)))) {
      List<RawPg> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 300; i++) {
          RawPg raw = new RawPg(f.server.port());
          if (i % 2 == 0) {
            raw.send(new byte[] {0, 0, 0, 40, 0, 3});
          }
          stalled.add(raw);
        }
        assertEquals(List.of("1"), query(f, "select 1"));
        for (RawPg raw : stalled) {
          RawPg.Message error = raw.readUntilClosed();
          assertNotNull(error, "a stalled startup is told why it is closed");
          assertEquals("08006", error.fields().get('C'));
        }
      } finally {
        for (RawPg raw : stalled) {
          raw.close();
        }
      }
    }
  }

  @Test void idleSessionsAreClosedAfterTheIdleTimeout() throws Exception {
    try (PgFixture f = PgFixture.start(trust(10, 50, Duration.ofSeconds(1),
        Duration.ofSeconds(30))); RawPg raw = new RawPg(f.server.port())) {
      raw.login("alice");
      RawPg.Message error = raw.readUntilClosed();
      assertEquals("57P05", error.fields().get('C'));
      await(() -> f.server.openSessions() == 0, "the idle session is released");
    }
  }

  @Test void sessionsAreCappedPerUserAndInAll() throws Exception {
    try (PgFixture f = PgFixture.start(trust(2, 3, Duration.ofMinutes(10),
        Duration.ofSeconds(30)));
         Connection a1 = f.pg("alice", null, ""); Connection a2 = f.pg("alice", null, "")) {
      SQLException perUser = assertThrows(SQLException.class, () -> f.pg("alice", null, ""));
      assertEquals("53300", perUser.getSQLState());
      assertTrue(perUser.getMessage().contains("too many connections for role \"alice\""),
          perUser.getMessage());
      try (Connection b = f.pg("bob", null, "")) {
        SQLException total = assertThrows(SQLException.class, () -> f.pg("carol", null, ""));
        assertEquals("53300", total.getSQLState());
        assertTrue(total.getMessage().contains("too many clients"), total.getMessage());
      }
      a1.close();
      await(() -> f.server.openSessions() == 1, "alice's and bob's closed sessions are released");
      try (Connection again = f.pg("alice", null, "")) {
        assertEquals(List.of("1"), PgFixture.rows(again, "select 1"));
      }
    }
  }

  @Test void terminateAndADroppedSocketStopTheSessionsQuery() throws Exception {
    try (PgFixture f = PgFixture.start(trust(), SimulatorConfig.builder().seed(3)
        .conversations(5000).latency(Duration.ofMillis(300)))) {
      try (RawPg raw = new RawPg(f.server.port())) {
        raw.login("alice").send(new byte[] {'X', 0, 0, 0, 4});
        assertEquals(-1, raw.readByte());
      }
      long started = System.nanoTime();
      try (RawPg raw = new RawPg(f.server.port())) {
        raw.login("alice").send(RawPg.message('Q',
            RawPg.cstring("select count(*) from sendpilot.conversations")));
        await(() -> f.sim.requestCount() >= 2, "the scan has started");
      }
      await(() -> f.failed.get() == 1, "the dropped session's query is cancelled");
      assertTrue(System.nanoTime() - started < 10_000_000_000L,
          "cancelled long before its 50 pages of 300 ms");
      await(() -> f.server.openSessions() == 0, "both sessions are released");
    }
  }

  @Test void aCancelRequestWithAWrongKeyCancelsNothing() throws Exception {
    try (PgFixture f = PgFixture.start(trust()); RawPg raw = new RawPg(f.server.port())) {
      raw.send(new byte[] {0, 0, 0, 16, 4, (byte) 0xd2, 0x16, 0x2e, 0, 0, 3, (byte) 0xe8,
          1, 2, 3, 4});
      assertEquals(-1, raw.readByte());
      assertEquals(List.of("1"), query(f, "select 1"));
    }
  }

  @Test void theExtendedProtocolSkipsToSyncAfterAnError() throws Exception {
    try (PgFixture f = PgFixture.start(trust()); RawPg raw = new RawPg(f.server.port())) {
      raw.login("alice");
      byte[] badParse = RawPg.message('P', concat(RawPg.cstring(""),
          RawPg.cstring("select nope"), new byte[] {0, 0}));
      byte[] bind = RawPg.message('B', concat(RawPg.cstring(""), RawPg.cstring(""),
          new byte[] {0, 0, 0, 0, 0, 0}));
      byte[] execute = RawPg.message('E', concat(RawPg.cstring(""), new byte[] {0, 0, 0, 0}));
      byte[] sync = RawPg.message('S', new byte[0]);
      raw.send(concat(badParse, bind, execute, sync));
      assertEquals('E', raw.read().type());
      assertEquals('Z', raw.read().type());
      byte[] parse = RawPg.message('P', concat(RawPg.cstring("s1"),
          RawPg.cstring("select $1 || 'b' as x from (values (1))"),
          new byte[] {0, 1, 0, 0, 0, 25}));
      byte[] describe = RawPg.message('D', concat(new byte[] {'S'}, RawPg.cstring("s1")));
      byte[] bindText = RawPg.message('B', concat(RawPg.cstring("p1"), RawPg.cstring("s1"),
          new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 'a', 0, 0}));
      byte[] execOne = RawPg.message('E', concat(RawPg.cstring("p1"), new byte[] {0, 0, 0, 1}));
      raw.send(concat(parse, describe, bindText, execOne, sync));
      List<Character> types = new ArrayList<>();
      RawPg.Message m;
      String value = null;
      do {
        m = raw.read();
        types.add(m.type());
        if (m.type() == 'D') {
          value = new String(m.body(), 6, m.body().length - 6);
        }
        if (m.type() == 'E') {
          throw new AssertionError(m.fields().toString());
        }
      } while (m.type() != 'Z');
      assertEquals(List.of('1', 't', 'T', '2', 'D', 's', 'Z'), types);
      assertEquals("ab", value);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
