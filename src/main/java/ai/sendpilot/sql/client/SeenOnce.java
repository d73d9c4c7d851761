package ai.sendpilot.sql.client;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The items (conversations, messages) a stream returned, by key, in bounded memory, for
 * dropping repeats. Every one is remembered until {@code maxRemembered} are; then those newer
 * than the floor (the oldest time seen) are forgotten. That loses nothing for an API keeping its
 * newest-first order: an item's time never goes back, so a repeat of one returned earlier comes
 * with a time at or after the floor, and one newer than the floor breaks the order. So once some
 * are forgotten, an item newer than the floor and not remembered may be a forgotten one:
 * undecidable, and the stream fails rather than return it twice. Memory is then bounded by the
 * ties at the floor and the items without a time (never forgotten); more than
 * {@code maxRemembered} of those is undecidable too.
 */
final class SeenOnce {
  /** Items remembered before any is forgotten (a few megabytes). */
  static final int MAX_REMEMBERED = 10_000;

  /** What a sighting of an item is. */
  enum Sighting { NEW, REPEAT, UNDECIDABLE }

  private final int maxRemembered;
  /** Key to the item's time when first seen (may be null). */
  private final Map<String, Instant> remembered = new HashMap<>();
  private Instant floor;
  private boolean forgotten;

  SeenOnce(int maxRemembered) {
    this.maxRemembered = maxRemembered;
  }

  /** Records the item {@code key} of time {@code at} (null: none). */
  Sighting sight(String key, Instant at) {
    if (remembered.containsKey(key)) {
      return Sighting.REPEAT;
    }
    if (forgotten && at != null && floor != null && at.isAfter(floor)) {
      return Sighting.UNDECIDABLE;
    }
    if (remembered.size() >= maxRemembered && !forgetNewerThanFloor(at)) {
      return Sighting.UNDECIDABLE;
    }
    remembered.put(key, at);
    if (at != null && (floor == null || at.isBefore(floor))) {
      floor = at;
    }
    return Sighting.NEW;
  }

  /** Forgets those newer than the floor (the new item's time counted); false if none was. */
  private boolean forgetNewerThanFloor(Instant incoming) {
    Instant lowest = incoming != null && (floor == null || incoming.isBefore(floor))
        ? incoming : floor;
    if (lowest == null) {
      return false;
    }
    int before = remembered.size();
    remembered.values().removeIf(at -> at != null && at.isAfter(lowest));
    forgotten = true;
    return remembered.size() < before;
  }

  /** The oldest time seen, or null. */
  Instant floor() {
    return floor;
  }

  /** How many items are remembered now. */
  int remembered() {
    return remembered.size();
  }

  int maxRemembered() {
    return maxRemembered;
  }
}
