package ai.sendpilot.sql.scan;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;

/**
 * The most rows a scan may need: the smallest of several sums ({@code LIMIT n OFFSET m} is the
 * sum {@code n + m}) whose terms are literals or parameters.
 */
public record RowLimit(ImmutableList<ImmutableList<PushedValue>> alternatives) {
  /** A limit of the sum of {@code terms}. */
  public static RowLimit sumOf(List<PushedValue> terms) {
    return new RowLimit(ImmutableList.of(ImmutableList.copyOf(terms)));
  }

  /** The smaller of this limit and {@code other}. */
  public RowLimit min(RowLimit other) {
    Long mine = literalRows();
    Long theirs = other.literalRows();
    if (mine != null && theirs != null) {
      return mine <= theirs ? this : other;
    }
    return new RowLimit(ImmutableList.<ImmutableList<PushedValue>>builder()
        .addAll(alternatives).addAll(other.alternatives).build());
  }

  /** The limit, when every term is a literal; null when some are parameters. */
  public Long literalRows() {
    for (List<PushedValue> sum : alternatives) {
      for (PushedValue v : sum) {
        if (!v.isLiteral()) {
          return null;
        }
      }
    }
    return resolve(null);
  }

  /** The limit for one execution. */
  public long resolve(DataContext root) {
    long min = Long.MAX_VALUE;
    for (List<PushedValue> sum : alternatives) {
      long total = 0;
      for (PushedValue v : sum) {
        Object value = v.resolve(root);
        total = saturatedAdd(total, value == null ? 0 : ((Number) value).longValue());
      }
      min = Math.min(min, total);
    }
    return Math.max(0, min);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  @Override public String toString() {
    Long literal = literalRows();
    if (literal != null) {
      return literal.toString();
    }
    String sums = alternatives.stream()
        .map(s -> s.stream().map(PushedValue::toString).collect(Collectors.joining(" + ")))
        .collect(Collectors.joining(", "));
    return alternatives.size() == 1 ? sums : "min(" + sums + ")";
  }
}
