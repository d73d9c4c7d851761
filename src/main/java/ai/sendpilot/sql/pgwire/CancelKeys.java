package ai.sendpilot.sql.pgwire;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The BackendKeyData of every open session, so that a CancelRequest finds its session. */
final class CancelKeys {
  /** A process id and its secret. */
  record Key(int processId, int secret) {
  }

  private final Map<Integer, Entry> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1000);
  private final SecureRandom random;

  private record Entry(int secret, Runnable cancel) {
  }

  CancelKeys(SecureRandom random) {
    this.random = random;
  }

  Key register(Runnable cancel) {
    int id = nextId.getAndUpdate(i -> i == Integer.MAX_VALUE ? 1000 : i + 1);
    int secret = random.nextInt();
    sessions.put(id, new Entry(secret, cancel));
    return new Key(id, secret);
  }

  void remove(Key key) {
    sessions.remove(key.processId());
  }

  /** Cancels the session's running query when the secret matches; false otherwise. */
  boolean cancel(int processId, int secret) {
    Entry entry = sessions.get(processId);
    if (entry == null || entry.secret() != secret) {
      return false;
    }
    entry.cancel().run();
    return true;
  }
}
