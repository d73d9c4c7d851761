package ai.sendpilot.sql.adapter;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.sql.Connection;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class ExploreTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test void explore() throws Exception {
    server.setDispatcher(new FakeInbox(List.of("a", "bb", "c"), List.of(250, 130, 40)));
    try (Connection c = Jdbc.connect(server)) {
      for (String sql : List.of(
          "select * from conversations limit 5",
          "select * from conversations where account_id = 'a' limit 250",
          "select * from conversations where account_id in ('a','bb')",
          "select * from conversations where account_id = 'a' or account_id = 'bb'",
          "select * from conversations where account_id = 'a' and unread_count > 0",
          "select count(*) from conversations",
          "select * from conversations where account_id = 'a' and account_id = 'bb'",
          "select * from participants where account_id = 'a' limit 7",
          "select * from conversations limit 5 offset 3",
          "select * from conversations c join participants p on c.id = p.conversation_id and c.account_id = p.account_id where c.account_id = 'a'")) {
        System.out.println("== " + sql);
        System.out.println(Jdbc.explain(c, sql));
        List<String> rows = Jdbc.rows(c, sql);
        System.out.println(rows.size() + " rows; first " + (rows.isEmpty() ? "" : rows.get(0)));
        System.out.println(Requests.drain(server));
      }
    }
  }
}
