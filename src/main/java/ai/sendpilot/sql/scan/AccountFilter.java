package ai.sendpilot.sql.scan;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;

/**
 * The accounts a scan may read: an AND of account lists (an IN list or OR of equalities each),
 * whose values are literals or parameters. With literals only it is a plain set of accounts.
 */
public record AccountFilter(ImmutableList<ImmutableList<PushedValue>> conjuncts) {
  /** The accounts equal to one of {@code values}. */
  public static AccountFilter anyOf(List<PushedValue> values) {
    return new AccountFilter(ImmutableList.of(ImmutableList.copyOf(values)));
  }

  /**
   * The accounts that pass both filters. A conjunct already present is not added again, so
   * that pushing the same predicate twice makes the same filter (the planner would otherwise
   * meet ever longer, ever new filters and never finish).
   */
  public AccountFilter and(AccountFilter other) {
    List<ImmutableList<PushedValue>> all = new ArrayList<>(conjuncts);
    for (ImmutableList<PushedValue> conjunct : other.conjuncts) {
      if (!all.contains(conjunct)) {
        all.add(conjunct);
      }
    }
    return all.size() == conjuncts.size() ? this : new AccountFilter(ImmutableList.copyOf(all));
  }

  /** The accounts, when every value is a literal; null when some are parameters. */
  public ImmutableSortedSet<String> literalAccounts() {
    for (List<PushedValue> conjunct : conjuncts) {
      for (PushedValue v : conjunct) {
        if (!v.isLiteral()) {
          return null;
        }
      }
    }
    return resolve(null);
  }

  /**
   * The accounts for one execution. An empty id names no account (every conversation has one),
   * and is not sent: the API would read {@code accountId=} as no filter at all.
   */
  public ImmutableSortedSet<String> resolve(DataContext root) {
    Set<String> accounts = null;
    for (List<PushedValue> conjunct : conjuncts) {
      Set<String> any = new TreeSet<>();
      for (PushedValue v : conjunct) {
        Object value = v.resolve(root);
        if (value != null && !value.toString().isEmpty()) {
          any.add(value.toString());
        }
      }
      if (accounts == null) {
        accounts = any;
      } else {
        accounts.retainAll(any);
      }
    }
    return ImmutableSortedSet.copyOf(accounts == null ? Set.of() : accounts);
  }

  @Override public String toString() {
    ImmutableSortedSet<String> literal = literalAccounts();
    if (literal != null) {
      return String.join(", ", literal);
    }
    if (conjuncts.size() == 1) {
      return anyOfText(conjuncts.get(0));
    }
    return conjuncts.stream()
        .map(c -> c.size() == 1 ? anyOfText(c) : "(" + anyOfText(c) + ")")
        .collect(Collectors.joining(" and "));
  }

  private static String anyOfText(List<PushedValue> values) {
    return values.stream().map(PushedValue::toString).collect(Collectors.joining(", "));
  }
}
