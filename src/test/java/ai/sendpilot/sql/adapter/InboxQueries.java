package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;

/** Queries against a MockWebServer serving a {@link FakeInbox}, and the requests they sent. */
final class InboxQueries {
  private final MockWebServer server;

  InboxQueries(MockWebServer server) {
    this.server = server;
  }

  List<String> run(String sql, String... settings) throws SQLException {
    try (Connection c = Jdbc.connect(server, settings)) {
      return Jdbc.rows(c, sql);
    }
  }

  String explain(String sql, String... settings) throws SQLException {
    try (Connection c = Jdbc.connect(server, settings)) {
      return Jdbc.explain(c, sql);
    }
  }

  /** The requests sent so far, once a cancelled read-ahead has had time to arrive. */
  List<Map<String, String>> requests() throws InterruptedException {
    Thread.sleep(300);
    return Requests.drain(server);
  }

  /**
   * The rows of {@code sql}, checked against the same query sorted and filtered locally
   * ({@code nativeOrder=false}); only the requests of the pushed query are left to check.
   */
  List<String> checkedRows(String sql) throws Exception {
    List<String> local = run(sql, "nativeOrder=false");
    requests();
    List<String> rows = run(sql);
    assertEquals(local, rows, sql);
    return rows;
  }

  /** The request for the page of {@code account} (null: all) starting at conversation from. */
  static Map<String, String> page(String account, int from) {
    Map<String, String> page = account == null ? params("limit", "100")
        : params("accountId", account, "limit", "100");
    if (from > 0) {
      page.put("continuationToken", FakeInbox.token(from));
    }
    return page;
  }
}
