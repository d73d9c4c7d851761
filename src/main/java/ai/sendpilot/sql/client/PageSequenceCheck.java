package ai.sendpilot.sql.client;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks that the pages of one stream form one sequence: no continuation token twice (a paging
 * loop), no conversation returned twice (a repeat is dropped, wherever it comes), and, when the
 * consumer relies on it, newest activity first.
 */
final class PageSequenceCheck {
  private final boolean newestFirst;
  private final Function<PageRequest, String> describe;
  private final Set<String> tokensSeen = new HashSet<>();
  private final SeenOnce seen;
  private Instant lastActivity;
  private long repeats;

  /**
   * Creates the check of a stream.
   *
   * @param newestFirst whether to fail if the API breaks its newest-activity-first order
   * @param describe names a page's request in messages
   */
  PageSequenceCheck(boolean newestFirst, Function<PageRequest, String> describe) {
    this(newestFirst, describe, SeenOnce.MAX_REMEMBERED);
  }

  /** A check remembering at most {@code maxRemembered} conversations (for tests). */
  PageSequenceCheck(boolean newestFirst, Function<PageRequest, String> describe,
      int maxRemembered) {
    this.newestFirst = newestFirst;
    this.describe = describe;
    this.seen = new SeenOnce(maxRemembered);
  }

  /** Records a continuation token; false when this stream had been given it already. */
  boolean firstTimeToken(String token) {
    return tokensSeen.add(token);
  }

  /** Forgets a token recorded from an early look that the full parse then disowned. */
  void forgetToken(String token) {
    tokensSeen.remove(token);
  }

  /**
   * Whether {@code c}, from the page of {@code request}, is new rather than a repeat of a
   * conversation this stream returned before; throws when it breaks the newest-activity-first
   * order the consumer relies on, or when the stream can no longer tell.
   */
  boolean admit(Conversation c, PageRequest request) {
    if (c.id() == null) {
      // Not identifiable: the scan refuses it with its own message.
      return true;
    }
    SeenOnce.Sighting sighting = seen.sight(c.accountId() + '\u0000' + c.id(),
        c.lastActivityAt());
    if (sighting == SeenOnce.Sighting.REPEAT) {
      repeats++;
      return false;
    }
    if (sighting == SeenOnce.Sighting.UNDECIDABLE) {
      throw ApiErrors.repeatsUndecidable(describe.apply(request), c, seen.floor(),
          seen.maxRemembered());
    }
    checkOrder(c, request);
    return true;
  }

  /** Conversations dropped so far as repeats. */
  long repeats() {
    return repeats;
  }

  private void checkOrder(Conversation c, PageRequest request) {
    if (!newestFirst) {
      return;
    }
    Instant at = c.lastActivityAt();
    if (at == null || (lastActivity != null && at.isAfter(lastActivity))) {
      throw ApiErrors.orderBroken(describe.apply(request), c, lastActivity);
    }
    lastActivity = at;
  }
}
