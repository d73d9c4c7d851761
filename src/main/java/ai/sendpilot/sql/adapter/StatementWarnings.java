package ai.sendpilot.sql.adapter;

import java.sql.SQLWarning;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.calcite.DataContext;

/**
 * Warnings a scan raises for the statement that runs it (a conversation named in the SQL that
 * the API no longer knows, an account without any conversation), kept until the JDBC layer
 * hands them out as {@code SQLWarning}s. A statement is known to both sides by its cancel flag:
 * Calcite puts the statement's own flag in each execution's {@code DataContext}, and a JDBC
 * statement finds it by its handle. The flags are weak keys, so a statement dropped without
 * being closed leaves nothing behind. The chain handed out is made once, so that a tool that
 * shows each warning object once (sqlline) shows each once however often it asks.
 */
public final class StatementWarnings {
  /** Distinct warnings kept per execution; later ones are left out. */
  static final int MAX_KEPT = 20;
  /** The SQLState of a warning without a more specific class. */
  private static final String WARNING = "01000";

  private static final Map<AtomicBoolean, Kept> BY_STATEMENT = new WeakHashMap<>();

  private StatementWarnings() {
  }

  /** The warnings of one statement's execution, as a chain. */
  private static final class Kept {
    private final Set<String> messages = new HashSet<>();
    private SQLWarning first;
    private SQLWarning last;

    void add(String message) {
      if (messages.size() >= MAX_KEPT || !messages.add(message)) {
        return;
      }
      SQLWarning warning = new SQLWarning(message, WARNING);
      if (first == null) {
        first = warning;
      } else {
        last.setNextWarning(warning);
      }
      last = warning;
    }
  }

  /** Where the scans of the execution of {@code root} report warnings. */
  static Consumer<String> sink(DataContext root) {
    AtomicBoolean statement = DataContext.Variable.CANCEL_FLAG.get(root);
    return statement == null ? message -> { } : message -> add(statement, message);
  }

  private static void add(AtomicBoolean statement, String message) {
    synchronized (BY_STATEMENT) {
      BY_STATEMENT.computeIfAbsent(statement, s -> new Kept()).add(message);
    }
  }

  /**
   * The first warning of the statement whose cancel flag is {@code statement}, the others
   * chained to it oldest first ({@value #MAX_KEPT} at most); null when there is none.
   */
  public static SQLWarning of(AtomicBoolean statement) {
    synchronized (BY_STATEMENT) {
      Kept kept = BY_STATEMENT.get(statement);
      return kept == null ? null : kept.first;
    }
  }

  /** Forgets the warnings of a statement (cleared, executed again, or closed). */
  public static void clear(AtomicBoolean statement) {
    synchronized (BY_STATEMENT) {
      BY_STATEMENT.remove(statement);
    }
  }
}
