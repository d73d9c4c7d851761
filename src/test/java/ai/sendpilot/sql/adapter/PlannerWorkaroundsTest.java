package ai.sendpilot.sql.adapter;

import static ai.sendpilot.sql.testing.Requests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.Jdbc;
import ai.sendpilot.sql.testing.Requests;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The query shapes Calcite 1.42 answers wrongly or cannot plan, answered right by the driver
 * (README, "Limits"): nested LIMIT/OFFSET, correlated EXISTS with {@code LIMIT ?}, and
 * {@code IN} over a sub-query that compares with an always-NULL value.
 */
class PlannerWorkaroundsTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach void serve() {
    server.setDispatcher(new FakeInbox(List.of("a", "b"), List.of(10, 5)));
  }

  @Test void offsetOverAnInnerLimitSkipsWithinIt() throws Exception {
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(List.of("0"), Jdbc.rows(c, "select count(*) from (select id from"
          + " (select id from conversations limit 20) t offset 50) u"));
      assertEquals(List.of("a-c1", "a-c2"), Jdbc.rows(c, "select t.id from (select id from"
          + " conversations where account_id = 'a' order by id limit 3) t offset 1"));
      assertEquals(List.of("5"), Jdbc.rows(c, "select count(*) from (select id from"
          + " (select id from conversations limit 12) t offset 7) u"));
    }
  }

  @Test void pushedInnerLimitAsksForItsOwnRows() throws Exception {
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(2, Jdbc.rows(c, "select t.id from (select id from conversations"
          + " where account_id = 'a' limit 3) t offset 1").size());
      assertEquals(List.of(params("accountId", "a", "limit", "3")), Requests.drain(server));
      Jdbc.rows(c, "select count(*) from (select id from (select id from conversations"
          + " limit 12) t offset 7) u");
      assertEquals(List.of(params("limit", "12")), Requests.drain(server));
      Jdbc.rows(c, "select count(*) from (select id from (select id from conversations"
          + " limit 20) t offset 50) u");
      assertEquals(List.of(), Requests.drain(server));
    }
  }

  @Test void preparedOffsetOverAnInnerFetch() throws Exception {
    try (Connection c = Jdbc.connect(server);
        PreparedStatement s = c.prepareStatement("select t.id from (select id from"
            + " conversations where account_id = ? order by id fetch next ? rows only) t"
            + " offset ?")) {
      s.setString(1, "a");
      s.setInt(2, 3);
      s.setInt(3, 1);
      assertEquals(List.of("a-c1", "a-c2"), Jdbc.rows(s.executeQuery()));
      s.setString(1, "b");
      s.setInt(2, 4);
      s.setInt(3, 2);
      assertEquals(List.of("b-c2", "b-c3"), Jdbc.rows(s.executeQuery()));
    }
  }

  @Test void demoCrmTablesToo() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sendpilot:demo=true")) {
      assertEquals(List.of("0"), Jdbc.rows(c, "select count(*) from (select contact_id from"
          + " (select contact_id from crm.contacts limit 20) t offset 50) u"));
      assertEquals(2, Jdbc.rows(c, "select t.contact_id from (select contact_id from"
          + " crm.contacts order by contact_id limit 3) t offset 1").size());
    }
  }

  @Test void correlatedExistsWithLimitParameter() throws Exception {
    String exists = "select count(*) from conversations c where %s (select 1 from participants"
        + " p where p.conversation_id = c.id and p.account_id = c.account_id limit ?)";
    try (Connection c = Jdbc.connect(server);
        PreparedStatement some = c.prepareStatement(String.format(exists, "exists"));
        PreparedStatement none = c.prepareStatement(String.format(exists, "not exists"))) {
      for (int limit : new int[] {1, 0, 2}) {
        some.setInt(1, limit);
        none.setInt(1, limit);
        assertEquals(List.of(limit > 0 ? "15" : "0"), Jdbc.rows(some.executeQuery()));
        assertEquals(List.of(limit > 0 ? "0" : "15"), Jdbc.rows(none.executeQuery()));
      }
    }
  }

  @Test void correlatedExistsWithOffsetAndLimitParameters() throws Exception {
    try (Connection c = Jdbc.connect(server);
        PreparedStatement s = c.prepareStatement("select count(*) from conversations c where"
            + " exists (select 1 from participants p where p.conversation_id = c.id"
            + " limit ? offset ?)")) {
      s.setInt(1, 1);
      s.setInt(2, 1);
      // Conversations with two or more participants: i mod 3 > 0 of a's 10 and b's 5.
      assertEquals(List.of("9"), Jdbc.rows(s.executeQuery()));
    }
  }

  @Test void correlatedScalarSubQueryWithLimitParameter() throws Exception {
    try (Connection c = Jdbc.connect(server);
        PreparedStatement s = c.prepareStatement("select count(*) from conversations c where"
            + " (select p.name from participants p where p.conversation_id = c.id"
            + " order by p.name limit ?) like '%.0'")) {
      s.setInt(1, 1);
      assertEquals(List.of("15"), Jdbc.rows(s.executeQuery()));
    }
  }

  @Test void lateralSubQueryWithLimitParameter() throws Exception {
    try (Connection c = Jdbc.connect(server);
        PreparedStatement s = c.prepareStatement("select count(*) from conversations c,"
            + " lateral (select p.name from participants p where p.conversation_id = c.id"
            + " limit ?) q")) {
      s.setInt(1, 2);
      // Conversation i has i mod 3 + 1 participants: at most two of each is 16 for a's 10
      // conversations and 8 for b's 5.
      assertEquals(List.of("24"), Jdbc.rows(s.executeQuery()));
    }
  }

  @Test void inSubQueryComparingWithAlwaysNull() throws Exception {
    String in = "select count(*) from conversations c where c.id %s (select p2.conversation_id"
        + " from participants p2 where p2.account_id = nullif('x', 'x'))";
    try (Connection c = Jdbc.connect(server)) {
      assertEquals(List.of("0"), Jdbc.rows(c, String.format(in, "in")));
      assertEquals(List.of("15"), Jdbc.rows(c, String.format(in, "not in")));
    }
  }

  @Test void limitOverUnionDistinctKeepsRowsBeyondAnInputsFirstRows() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sendpilot:demo=true")) {
      assertEquals(List.of("1", "2", "3", "4", "5"), Jdbc.rows(c, "select * from (select"
          + " company_id from crm.contacts union select company_id + 1000 from crm.companies) t"
          + " order by 1 limit 5"));
    }
    try (Connection c = Jdbc.connect(server)) {
      // Participants repeat each conversation id; a has 10 conversations, b's ids sort after.
      assertEquals(List.of("a-c0", "a-c1", "a-c2", "a-c3"), Jdbc.rows(c, "select * from"
          + " (select conversation_id from participants union select id from conversations"
          + " where account_id = 'b') t order by 1 limit 4"));
    }
  }

  @Test void builderComposesAnOffsetOverAFetch() {
    RelBuilder b = SendPilotRelBuilder.FACTORY.create(cluster(), null);
    RelNode literal = b.values(new String[] {"x"}, 1, 2, 3, 4, 5).limit(0, 3).limit(1, -1)
        .build();
    assertEquals("LogicalSort(offset=[1], fetch=[2])", firstLine(literal));
    RelNode beyond = b.values(new String[] {"x"}, 1, 2, 3).limit(0, 2).limit(5, -1).build();
    assertEquals("LogicalSort(offset=[5], fetch=[0])", firstLine(beyond));
    RexNode fetch = b.getRexBuilder().makeDynamicParam(
        b.getTypeFactory().createSqlType(SqlTypeName.INTEGER), 0);
    RelNode parameter = b.values(new String[] {"x"}, 1, 2, 3)
        .sortLimit(null, fetch, List.of()).sortLimit(b.literal(BigDecimal.ONE), null, List.of())
        .build();
    assertEquals("LogicalSort(offset=[1])\n  LogicalSort(fetch=[?0])",
        RelOptUtil.toString(parameter).lines().limit(2).reduce((x, y) -> x + "\n" + y)
            .orElseThrow());
  }

  private static String firstLine(RelNode rel) {
    return RelOptUtil.toString(rel).lines().findFirst().orElseThrow();
  }

  private static RelOptCluster cluster() {
    return RelOptCluster.create(new HepPlanner(HepProgram.builder().build()),
        new RexBuilder(new JavaTypeFactoryImpl()));
  }
}
