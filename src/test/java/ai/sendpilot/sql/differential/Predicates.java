package ai.sendpilot.sql.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random WHERE conditions over the driver's tables: account predicates of every shape the
 * driver may push or must leave alone, and conditions on other columns.
 */
final class Predicates {
  private final Random random;
  private final InboxFacts facts;
  private final Parameters parameters;

  Predicates(Random random, InboxFacts facts, Parameters parameters) {
    this.random = random;
    this.facts = facts;
    this.parameters = parameters;
  }

  /** A WHERE clause of zero to two conjuncts over {@code conversations}, or "". */
  String onConversations(String alias) {
    return where(conjuncts(alias, true));
  }

  /** A WHERE clause of zero to two conjuncts over {@code participants}, or "". */
  String onParticipants(String alias) {
    return where(conjuncts(alias, false));
  }

  /** Zero to two conjuncts, mostly account predicates; {@code alias} may be "". */
  List<String> conjuncts(String alias, boolean conversations) {
    int terms = random.nextInt(10) < 2 ? 0 : random.nextInt(10) < 7 ? 1 : 2;
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < terms; i++) {
      String column = column(alias, "account_id");
      parts.add(random.nextInt(10) < 7 ? account(column, alias, conversations)
          : other(alias, conversations));
    }
    return parts;
  }

  static String where(List<String> conjuncts) {
    return conjuncts.isEmpty() ? "" : " where " + String.join(" and ", conjuncts);
  }

  /** An account predicate on {@code column}; {@code alias} qualifies other columns. */
  String account(String column, String alias, boolean conversations) {
    switch (random.nextInt(22)) {
      case 0, 1, 2:
        return column + " = " + accountValue();
      case 3:
        return accountValue() + " = " + column;
      case 4, 5:
        return column + " in (" + accountValues(2 + random.nextInt(3)) + ")";
      case 6:
        String a = known();
        return column + " in ('" + a + "', '" + a + "', " + accountValue() + ")";
      case 7:
        return column + " in (" + accountValue() + ", cast(null as varchar))";
      case 8:
        return "(" + column + " = " + accountValue() + " or " + column + " = " + accountValue()
            + ")";
      case 9:
        return "(" + column + " = " + accountValue() + " or " + other(alias, conversations)
            + ")";
      case 10:
        return "not (" + column + " = " + accountValue() + ")";
      case 11:
        return column + " <> " + accountValue();
      case 12:
        return column + " not in (" + accountValues(2) + ")";
      case 13:
        return "cast(" + column + " as varchar(40)) = " + accountLiteral();
      case 14:
        return column + " = cast(" + accountLiteral() + " as varchar(40))";
      case 15:
        return "upper(" + column + ") = upper(" + accountLiteral() + ")";
      case 16:
        return column + " like '" + known().substring(0, 5) + "%'";
      case 17:
        return column + " = " + accountValue() + " and " + column + " = " + accountValue();
      case 18:
        return column + (random.nextBoolean() ? " is not null" : " is null");
      case 19:
        return column + " = nullif('x', 'x')";
      case 20:
        return "(" + column + " = " + accountValue() + " or " + column + " in ("
            + accountValues(2) + "))";
      default:
        return column + " between " + accountValue() + " and " + accountValue();
    }
  }

  /** A condition on a column other than {@code account_id}. */
  String other(String alias, boolean conversations) {
    if (!conversations) {
      switch (random.nextInt(5)) {
        case 0:
          return column(alias, "name") + " like '" + (char) ('A' + random.nextInt(26)) + "%'";
        case 1:
          return column(alias, "profile_picture") + " is null";
        case 2:
          return column(alias, "name") + " < " + text("M");
        case 3:
          return column(alias, "participant_id") + " is not null";
        default:
          return column(alias, "profile_url") + " like '%" + (char) ('a' + random.nextInt(26))
              + "%'";
      }
    }
    switch (random.nextInt(9)) {
      case 0:
        return column(alias, "unread_count") + " > " + number(random.nextInt(3));
      case 1:
        return column(alias, "unread_count") + " = 0";
      case 2:
        return column(alias, "last_message_direction") + " = " + text(
            random.nextBoolean() ? "sent" : "received");
      case 3:
        return column(alias, "last_message_content") + " is null";
      case 4:
        return column(alias, "last_activity_at") + (random.nextBoolean() ? " > " : " <= ")
            + pick(facts.activityTimes());
      case 5:
        return column(alias, "id") + " like '" + (char) ('A' + random.nextInt(26)) + "%'";
      case 6:
        return column(alias, "unread_count") + " between 1 and 2";
      case 7:
        return "coalesce(" + column(alias, "last_message_direction") + ", 'none') = 'none'";
      default:
        return column(alias, "created_at") + " < " + column(alias, "last_activity_at");
    }
  }

  /** A known or unknown account id, as a literal or, in a prepared statement, a parameter. */
  String accountValue() {
    if (parameters.prepared() && random.nextBoolean()) {
      return parameters.add(() -> random.nextInt(8) == 0 ? null
          : random.nextInt(5) == 0 ? pick(facts.unknownAccounts()) : known());
    }
    return accountLiteral();
  }

  private String accountLiteral() {
    return "'" + (random.nextInt(6) == 0 ? pick(facts.unknownAccounts()) : known()) + "'";
  }

  private String accountValues(int count) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(accountValue());
    }
    return String.join(", ", values);
  }

  private String known() {
    return pick(facts.accounts());
  }

  private String number(int value) {
    return parameters.prepared() && random.nextBoolean()
        ? parameters.add(() -> random.nextInt(3)) : Integer.toString(value);
  }

  private String text(String value) {
    return parameters.prepared() && random.nextBoolean()
        ? parameters.add(() -> value) : "'" + value + "'";
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  static String column(String alias, String name) {
    return alias.isEmpty() ? name : alias + "." + name;
  }
}
