package ai.sendpilot.sql.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Generates one random query from a seed: a shape (scan, aggregate, join, set operation,
 * sub-query, nested LIMIT/OFFSET, newest-first order, the shapes around the rewrites of
 * {@link RewriteShapes}), its predicates, its ORDER BY and
 * LIMIT/OFFSET, and how its rows are compared. A quarter of the queries are prepared
 * statements run three times with new parameter values.
 */
final class QueryGenerator {
  private static final List<String> CONVERSATION_COLUMNS = List.of("id", "account_id",
      "last_message_content", "last_message_sent_at", "last_message_direction",
      "last_activity_at", "unread_count", "created_at", "updated_at");
  private static final List<String> PARTICIPANT_COLUMNS = List.of("conversation_id",
      "account_id", "participant_id", "name", "profile_url", "profile_picture");
  private static final List<String> JOIN_COLUMNS = List.of("c.id", "c.account_id",
      "c.unread_count", "c.last_activity_at", "c.last_message_direction", "p.participant_id",
      "p.name", "p.account_id", "p.profile_picture");
  private static final String JOIN =
      " from conversations c join participants p on p.conversation_id = c.id"
          + " and p.account_id = c.account_id";

  private final Random random;
  private final Parameters parameters;
  private final Predicates predicates;
  private final InboxFacts facts;

  private QueryGenerator(long seed, InboxFacts facts) {
    this.facts = facts;
    // Consecutive seeds give java.util.Random nearly the same first values: spread them.
    this.random = new Random(new SplittableRandom(seed).nextLong());
    this.parameters = new Parameters(random.nextInt(4) == 0 ? 3 : 1);
    this.predicates = new Predicates(random, facts, parameters);
  }

  static QueryCase generate(long seed, InboxFacts facts) {
    return new QueryGenerator(seed, facts).query();
  }

  private QueryCase query() {
    switch (random.nextInt(11)) {
      case 0, 1:
        return scan();
      case 2:
        return aggregate();
      case 3:
        return join();
      case 4:
        return setOperation();
      case 5:
        return subQuery();
      case 6:
        return nestedLimits();
      case 9, 10:
        return new RewriteShapes(random, facts, parameters, predicates).next();
      default:
        return newestFirst();
    }
  }

  private QueryCase scan() {
    if (random.nextInt(4) == 0) {
      return ordered(PARTICIPANT_COLUMNS, List.of("conversation_id", "participant_id"),
          " from participants" + predicates.onParticipants(""));
    }
    return ordered(CONVERSATION_COLUMNS, List.of("id"),
        " from conversations" + predicates.onConversations(""));
  }

  private QueryCase aggregate() {
    String sql;
    switch (random.nextInt(6)) {
      case 0:
        sql = "select account_id, count(*), sum(unread_count), max(last_activity_at),"
            + " min(created_at), count(distinct last_message_direction) from conversations"
            + predicates.onConversations("") + " group by account_id"
            + (random.nextBoolean() ? " having count(*) > " + random.nextInt(60) : "");
        return random.nextBoolean() ? plain(sql, Check.unordered())
            : plain(sql + " order by account_id", Check.ordered());
      case 1:
        sql = "select count(*), count(last_message_content), sum(unread_count),"
            + " min(last_activity_at), max(id) from conversations"
            + predicates.onConversations("");
        break;
      case 2:
        sql = "select last_message_direction, unread_count, count(*) from conversations"
            + predicates.onConversations("") + " group by last_message_direction, unread_count";
        break;
      case 3:
        sql = "select account_id, count(*), count(distinct conversation_id), max(name)"
            + " from participants" + predicates.onParticipants("") + " group by account_id";
        break;
      case 4:
        sql = "select count(*) from (select distinct account_id, unread_count"
            + " from conversations" + predicates.onConversations("") + ") t";
        break;
      default:
        sql = "select c.account_id, count(*), count(distinct p.name), sum(c.unread_count)" + JOIN
            + Predicates.where(joinConjuncts()) + " group by c.account_id";
        break;
    }
    return plain(sql, Check.unordered());
  }

  private QueryCase join() {
    if (random.nextInt(4) == 0) {
      String on = " from conversations c left join participants p on p.conversation_id = c.id"
          + (random.nextBoolean() ? " and p.account_id = c.account_id" : "")
          + " and " + predicates.other("p", false);
      return ordered(JOIN_COLUMNS, List.of("c.id", "p.participant_id"),
          on + Predicates.where(predicates.conjuncts("c", true)));
    }
    String from = random.nextInt(3) == 0
        ? " from conversations c join participants p on p.conversation_id = c.id" : JOIN;
    return ordered(JOIN_COLUMNS, List.of("c.id", "p.participant_id"),
        from + Predicates.where(joinConjuncts()));
  }

  /** Conditions on either side of the conversations-participants join. */
  private List<String> joinConjuncts() {
    List<String> conjuncts = new ArrayList<>(predicates.conjuncts("c", true));
    if (random.nextBoolean()) {
      conjuncts.add(predicates.account("p.account_id", "p", false));
    }
    return conjuncts;
  }

  private QueryCase setOperation() {
    String left = "select id, account_id from conversations" + predicates.onConversations("");
    String right = random.nextBoolean()
        ? "select conversation_id, account_id from participants"
            + predicates.onParticipants("")
        : "select id, account_id from conversations" + predicates.onConversations("");
    String operator = predicates.pick(List.of("union", "union all", "intersect", "except"));
    String combined = left + " " + operator + " " + right;
    if (random.nextBoolean()) {
      return plain(combined, Check.unordered());
    }
    Bounds bounds = bounds();
    return new QueryCase("select * from (" + combined + ") t order by id, account_id"
        + bounds.sql(), parameters.executions(), Check.ordered());
  }

  private QueryCase subQuery() {
    String sql;
    switch (random.nextInt(8)) {
      case 0:
        sql = "select c.id, c.account_id from conversations c" + outerAnd()
            + "c.id in (select p.conversation_id from participants p"
            + predicates.onParticipants("p") + ")";
        break;
      case 1:
        sql = "select c.id, c.account_id from conversations c" + outerAnd()
            + "c.id not in (select p.conversation_id from participants p"
            + predicates.onParticipants("p") + ")";
        break;
      case 2, 3: {
        String and = outerAnd();
        List<String> inner = new ArrayList<>(List.of("p.conversation_id = c.id"));
        inner.addAll(predicates.conjuncts("p", false));
        sql = "select c.id, c.unread_count from conversations c" + and
            + (random.nextBoolean() ? "not " : "") + "exists (select 1 from participants p"
            + Predicates.where(inner) + subQueryBounds() + ")";
        break;
      }
      case 4:
        sql = "select c.id, (select count(*) from participants p"
            + " where p.conversation_id = c.id) from conversations c" + outerWhere();
        break;
      case 5:
        sql = "select c.id, (select max(p.name) from participants p where p.conversation_id"
            + " = c.id and p.account_id = c.account_id) from conversations c" + outerWhere();
        break;
      case 6:
        sql = "select c.id from conversations c" + outerAnd() + "c.id in (select"
            + " p2.conversation_id from participants p2 where p2.account_id = nullif('x', 'x')"
            + (random.nextBoolean() ? " or p2.name like 'A%'" : "") + ")";
        break;
      default: {
        String scalar = "(select p.name from participants p where p.conversation_id = c.id"
            + " order by p.name, p.participant_id limit 1"
            + (random.nextBoolean() ? " offset " + offsetValue(3) : "") + ")";
        sql = "select c.id, " + scalar + " from conversations c" + outerWhere();
        break;
      }
    }
    return plain(sql, Check.unordered());
  }

  /** Conditions on the outer conversations {@code c} of a sub-query, as a WHERE clause. */
  private String outerWhere() {
    return Predicates.where(predicates.conjuncts("c", true));
  }

  /** {@link #outerWhere} ready for one more conjunct. */
  private String outerAnd() {
    String where = outerWhere();
    return where.isEmpty() ? " where " : where + " and ";
  }

  /** A LIMIT, OFFSET or both for an EXISTS sub-query, or nothing. */
  private String subQueryBounds() {
    switch (random.nextInt(5)) {
      case 0:
        return " limit " + fetchValue();
      case 1:
        return " limit " + fetchValue() + " offset " + offsetValue(3);
      case 2:
        return " offset " + offsetValue(3) + " rows";
      default:
        return "";
    }
  }

  private QueryCase nestedLimits() {
    String inner = "select * from conversations" + predicates.onConversations("");
    switch (random.nextInt(4)) {
      case 0: {
        String sql = "select count(*) from (select id from (" + inner + " limit " + fetchValue()
            + ") t offset " + offsetValue(40) + ") u";
        return plain(sql, Check.unordered());
      }
      case 1: {
        String ordered = inner + " order by id" + bounds().sql();
        String full = "select t.id, t.account_id from (" + ordered + ") t"
            + Predicates.where(predicates.conjuncts("t", true));
        Bounds outer = bounds();
        return new QueryCase(full + outer.sql(), parameters.executions(),
            Check.window(full, 0, outer.offset(), outer.fetch()));
      }
      case 2: {
        String ordered = inner + " order by id" + bounds().sql();
        String sql = "select t.id, t.unread_count from (" + ordered + ") t order by t.id"
            + bounds().sql();
        return new QueryCase(sql, parameters.executions(), Check.ordered());
      }
      default: {
        String ordered = inner + " order by id limit " + fetchValue();
        String middle = "select * from (" + ordered + ") t offset " + offsetValue(10) + " rows";
        String sql = "select count(*), sum(unread_count), max(id) from (" + middle + ") u";
        return plain(sql, Check.unordered());
      }
    }
  }

  private QueryCase newestFirst() {
    List<String> conjuncts = new ArrayList<>();
    if (random.nextInt(5) > 0) {
      conjuncts.add(predicates.account("c.account_id", "c", true));
    }
    if (random.nextInt(4) == 0) {
      conjuncts.add(predicates.other("c", true));
    }
    boolean join = random.nextInt(4) == 0;
    String full = join
        ? "select c.last_activity_at, c.id, p.name" + JOIN + Predicates.where(conjuncts)
            + " order by c.last_activity_at desc"
        : "select last_activity_at, id, account_id from conversations c"
            + Predicates.where(conjuncts) + " order by last_activity_at desc";
    if (random.nextInt(5) == 0) {
      return new QueryCase(full + ", " + (join ? "c.id, p.participant_id" : "id") + bounds().sql(),
          parameters.executions(), Check.ordered());
    }
    Bounds bounds = random.nextInt(4) == 0 ? Bounds.NONE : bounds();
    return new QueryCase(full + bounds.sql(), parameters.executions(),
        Check.window(full, 1, bounds.offset(), bounds.fetch()));
  }

  /**
   * A query over {@code columns} and {@code from} (FROM and WHERE), compared as SQL allows:
   * unordered, in a total order (ending in the unique key), or as a window of a partial order
   * or of no order under a LIMIT/OFFSET.
   */
  private QueryCase ordered(List<String> columns, List<String> uniqueKey, String from) {
    List<String> projection = sample(columns, 1 + random.nextInt(4));
    switch (random.nextInt(4)) {
      case 0:
        return plain(select(projection) + from, Check.unordered());
      case 1: {
        List<String> keys = sample(columns, random.nextInt(2));
        keys.removeAll(uniqueKey);
        keys.addAll(uniqueKey);
        return new QueryCase(select(projection) + from + orderBy(keys) + bounds().sql(),
            parameters.executions(), Check.ordered());
      }
      case 2: {
        List<String> keys = sample(columns, 1 + random.nextInt(2));
        List<String> selected = new ArrayList<>(keys);
        projection.removeAll(keys);
        selected.addAll(projection);
        String full = select(selected) + from + orderBy(keys);
        Bounds bounds = bounds();
        return new QueryCase(full + bounds.sql(), parameters.executions(),
            Check.window(full, keys.size(), bounds.offset(), bounds.fetch()));
      }
      default: {
        String full = select(projection) + from;
        Bounds bounds = bounds();
        return new QueryCase(full + bounds.sql(), parameters.executions(),
            Check.window(full, 0, bounds.offset(), bounds.fetch()));
      }
    }
  }

  private String orderBy(List<String> keys) {
    List<String> parts = new ArrayList<>();
    for (String key : keys) {
      parts.add(key + (random.nextBoolean() ? " desc" : "")
          + (random.nextBoolean() ? " nulls first" : " nulls last"));
    }
    return " order by " + String.join(", ", parts);
  }

  /** LIMIT and OFFSET in one of their spellings, as literals or parameters. */
  private Bounds bounds() {
    switch (random.nextInt(6)) {
      case 0:
        return new Bounds(" limit %f", null, fetch());
      case 1: {
        Bound fetch = fetch();
        return new Bounds(" limit %f offset %o", offset(), fetch);
      }
      case 2:
        return new Bounds(" offset %o rows", offset(), null);
      case 3: {
        Bound offset = offset();
        return new Bounds(" offset %o rows fetch next %f rows only", offset, fetch());
      }
      case 4:
        return new Bounds(" fetch first %f rows only", null, fetch());
      default:
        return Bounds.NONE;
    }
  }

  private Bound fetch() {
    if (parameters.prepared() && random.nextBoolean()) {
      int index = parameters.next();
      parameters.add(() -> random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(40));
      return Bound.parameter(index);
    }
    return Bound.of(random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(40));
  }

  private Bound offset() {
    if (parameters.prepared() && random.nextBoolean()) {
      int index = parameters.next();
      parameters.add(() -> random.nextInt(30));
      return Bound.parameter(index);
    }
    return Bound.of(random.nextInt(30));
  }

  private String fetchValue() {
    return fetch().sql();
  }

  private String offsetValue(int bound) {
    if (parameters.prepared() && random.nextBoolean()) {
      return parameters.add(() -> random.nextInt(bound));
    }
    return Integer.toString(random.nextInt(bound));
  }

  private QueryCase plain(String sql, Check check) {
    return new QueryCase(sql, parameters.executions(), check);
  }

  private List<String> sample(List<String> from, int count) {
    List<String> pool = new ArrayList<>(from);
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < count && !pool.isEmpty(); i++) {
      chosen.add(pool.remove(random.nextInt(pool.size())));
    }
    return chosen;
  }

  private static String select(List<String> columns) {
    return "select " + String.join(", ", columns);
  }

  /** A LIMIT/OFFSET clause: its text ({@code %o}, {@code %f} mark the values) and bounds. */
  private record Bounds(String template, Bound offset, Bound fetch) {
    static final Bounds NONE = new Bounds("", null, null);

    String sql() {
      String text = template;
      if (offset != null) {
        text = text.replace("%o", offset.sql());
      }
      return fetch == null ? text : text.replace("%f", fetch.sql());
    }
  }
}
