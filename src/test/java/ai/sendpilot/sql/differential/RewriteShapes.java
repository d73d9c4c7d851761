package ai.sendpilot.sql.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Query shapes around the driver's rewrites whose answers do not depend on how ties are cut:
 * a newest-first LIMIT inside a sub-query over several accounts (aggregates of the order key,
 * scalar and IN sub-queries, UNION branches), window functions on either side of the
 * conversations-participants join, and time windows with contradictory account filters across
 * that join.
 */
final class RewriteShapes {
  private static final String KEYS = " on p.conversation_id = %s.id and p.account_id = %s"
      + ".account_id";

  private final Random random;
  private final InboxFacts facts;
  private final Parameters parameters;
  private final Predicates predicates;

  RewriteShapes(Random random, InboxFacts facts, Parameters parameters, Predicates predicates) {
    this.random = random;
    this.facts = facts;
    this.parameters = parameters;
    this.predicates = predicates;
  }

  QueryCase next() {
    switch (random.nextInt(3)) {
      case 0:
        return limitInSubQuery();
      case 1:
        return windowInJoinInput();
      default:
        return contradictoryTimeWindow();
    }
  }

  /**
   * {@code select … order by last_activity_at desc limit n} over one, several or all accounts,
   * used where nothing above asks for the order; what is asked of it depends only on the
   * multiset of {@code last_activity_at} the top n rows hold, which ties do not change.
   */
  private QueryCase limitInSubQuery() {
    int shape = random.nextInt(6);
    String topN = "select last_activity_at from conversations" + accountsWhere("")
        + " order by last_activity_at desc" + (shape == 1 ? " limit 1" : limitClause());
    String sql;
    switch (shape) {
      case 0:
        sql = "select count(*), max(t.last_activity_at), min(t.last_activity_at) from ("
            + topN + ") t";
        break;
      case 1:
        sql = "select c.id, c.account_id from conversations c where c.last_activity_at = ("
            + topN + ")" + and("c");
        break;
      case 2:
        sql = "select c.id, c.account_id from conversations c where c.last_activity_at in ("
            + topN + ")" + and("c");
        break;
      case 3:
        sql = "select last_activity_at from (" + topN + ") t union all select last_activity_at"
            + " from (select last_activity_at from conversations" + accountsWhere("")
            + " order by last_activity_at desc" + limitClause() + ") u";
        break;
      case 4:
        sql = "select count(*), min(x.last_activity_at) from (select t.last_activity_at from ("
            + topN + ") t join participants p on p.account_id is not null"
            + " and p.conversation_id = 'none') x";
        break;
      default:
        sql = "select min(last_activity_at), count(*) from (select last_activity_at from ("
            + topN + ") t where last_activity_at is not null) u";
        break;
    }
    return new QueryCase(sql, parameters.executions(), Check.unordered());
  }

  /**
   * A window function over one input of the conversations-participants join, computed over
   * that input's rows (never over the joined rows), with or without a filter on it.
   */
  private QueryCase windowInJoinInput() {
    String window = pick(List.of("count(*) over (partition by %1$s.account_id)",
        "count(*) over ()", "row_number() over (partition by %1$s.account_id order by"
            + " %1$s.last_activity_at desc, %1$s.id)", "sum(%1$s.unread_count) over"
            + " (partition by %1$s.account_id)", "rank() over (order by %1$s.last_activity_at"
            + " desc nulls first)"));
    if (random.nextBoolean()) {
      String inner = "select c.id, c.account_id, c.last_activity_at, "
          + String.format(window, "c") + " as n from conversations c"
          + Predicates.where(predicates.conjuncts("c", true));
      List<String> outer = new ArrayList<>();
      if (random.nextBoolean()) {
        outer.add("w.n <= " + (1 + random.nextInt(3)));
      }
      if (random.nextBoolean()) {
        outer.add(predicates.account("p.account_id", "p", false));
      }
      String join = random.nextInt(4) == 0 ? " left join" : " join";
      String sql = "select w.id, w.n, p.participant_id from (" + inner + ") w" + join
          + " participants p" + String.format(KEYS, "w", "w") + Predicates.where(outer);
      return new QueryCase(sql, parameters.executions(), Check.unordered());
    }
    String participantWindow = pick(List.of("count(*) over ()",
        "count(*) over (partition by p.conversation_id)",
        "row_number() over (partition by p.account_id order by p.conversation_id,"
            + " p.participant_id)", "count(*) over (partition by p.account_id)"));
    String inner = "select p.conversation_id cid, p.account_id acc, p.participant_id pid, "
        + participantWindow + " wv from participants p"
        + Predicates.where(predicates.conjuncts("p", false));
    List<String> where = new ArrayList<>(predicates.conjuncts("c", true));
    if (random.nextBoolean()) {
      where.add("d.wv <= " + (1 + random.nextInt(40)));
    }
    String sql = "select c.id, d.pid, d.wv from conversations c join (" + inner + ") d"
        + " on d.cid = c.id and d.acc = c.account_id" + Predicates.where(where);
    return new QueryCase(sql, parameters.executions(), Check.unordered());
  }

  /**
   * A lower bound on last activity with account filters on both sides of the participants
   * join that may contradict each other (issue 22: planning never ended).
   */
  private QueryCase contradictoryTimeWindow() {
    boolean leftJoin = random.nextBoolean();
    String conversationAccounts = leftJoin ? null
        : predicates.account("c.account_id", "c", true);
    List<String> conjuncts = new ArrayList<>();
    if (conversationAccounts != null) {
      conjuncts.add(conversationAccounts);
    }
    conjuncts.add("c.last_activity_at " + pick(List.of(">=", ">")) + " "
        + pick(facts.activityTimes()));
    conjuncts.add(predicates.account("p.account_id", "p", false));
    if (random.nextBoolean()) {
      conjuncts.add(predicates.other("c", true));
    }
    if (leftJoin) {
      String sql = "select c.id, p.participant_id from conversations c left join participants p"
          + String.format(KEYS, "c", "c") + " and " + String.join(" and ", conjuncts)
          + " where " + predicates.account("c.account_id", "c", true);
      return new QueryCase(sql, parameters.executions(), Check.unordered());
    }
    String sql = "select c.id, p.participant_id from conversations c join participants p"
        + String.format(KEYS, "c", "c") + Predicates.where(conjuncts);
    return new QueryCase(sql, parameters.executions(), Check.unordered());
  }

  /** A WHERE clause naming several accounts (sometimes one, sometimes none), or "". */
  private String accountsWhere(String alias) {
    String column = Predicates.column(alias, "account_id");
    switch (random.nextInt(6)) {
      case 0:
        return "";
      case 1:
        return " where " + column + " = " + predicates.accountValue();
      case 2:
        return " where (" + column + " = " + predicates.accountValue() + " or " + column
            + " = " + predicates.accountValue() + ")";
      default: {
        List<String> values = new ArrayList<>();
        for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
          values.add(predicates.accountValue());
        }
        return " where " + column + " in (" + String.join(", ", values) + ")";
      }
    }
  }

  /** {@code limit n}, {@code limit n offset m} or {@code fetch first}, literals or {@code ?}. */
  private String limitClause() {
    String fetch = parameters.prepared() && random.nextBoolean()
        ? parameters.add(() -> 1 + random.nextInt(12)) : Integer.toString(1 + random.nextInt(12));
    switch (random.nextInt(4)) {
      case 0:
        return " limit " + fetch + " offset " + random.nextInt(5);
      case 1:
        return " fetch first " + fetch + " rows only";
      default:
        return " limit " + fetch;
    }
  }

  /** One more conjunct on the outer conversations, or nothing. */
  private String and(String alias) {
    return random.nextBoolean() ? "" : " and " + predicates.account(
        Predicates.column(alias, "account_id"), alias, true);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
