package ai.sendpilot.sql.client;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks that the pages of one stream form one sequence: no continuation token twice (a paging
 * loop), no conversation repeated from the previous page (dropped), and, when the consumer relies
 * on it, newest activity first.
 */
final class PageSequenceCheck {
  private final boolean newestFirst;
  private final Function<PageRequest, String> describe;
  private final Set<String> tokensSeen = new HashSet<>();
  private final RecentIds recentIds = new RecentIds();
  private Instant lastActivity;

  /**
   * Creates the check of a stream.
   *
   * @param newestFirst whether to fail if the API breaks its newest-activity-first order
   * @param describe names a page's request in messages
   */
  PageSequenceCheck(boolean newestFirst, Function<PageRequest, String> describe) {
    this.newestFirst = newestFirst;
    this.describe = describe;
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
   * Whether {@code c}, from the page of {@code request}, is new rather than a repeat from the
   * previous page; throws when it breaks the newest-activity-first order.
   */
  boolean admit(Conversation c, PageRequest request) {
    if (!recentIds.firstSighting(c.accountId(), c.id())) {
      return false;
    }
    checkOrder(c, request);
    return true;
  }

  /** Ends a page. */
  void endPage() {
    recentIds.endPage();
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

  /**
   * Conversations (account and id: ids are only known to be unique within an account) of the
   * current and previous non-empty page: enough to drop a conversation the API repeats across a
   * page boundary (when activity shifts the pages), with memory bounded by two pages.
   */
  private static final class RecentIds {
    private Set<List<String>> previous = new HashSet<>();
    private Set<List<String>> current = new HashSet<>();

    boolean firstSighting(String accountId, String id) {
      if (id == null) {
        return true;
      }
      List<String> key = Arrays.asList(accountId, id);
      return !previous.contains(key) && current.add(key);
    }

    /** Ends a page; an empty page keeps the previous one, so a repeat just after it is seen. */
    void endPage() {
      if (!current.isEmpty()) {
        previous = current;
        current = new HashSet<>();
      }
    }
  }
}
