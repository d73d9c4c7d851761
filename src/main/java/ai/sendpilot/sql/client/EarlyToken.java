package ai.sendpilot.sql.client;

import java.util.Objects;

/**
 * What the early look at a pending page (before its full parse) said about the page after it:
 * nothing yet, that it is the last page, a new token the next request was chained on, or a
 * token this stream had already been given (a paging loop, left for the full parse to report).
 */
final class EarlyToken {
  private enum State { NOT_SEEN, LAST_PAGE, NEXT, LOOP }

  /** No early look yet: the full parse alone decides. */
  static final EarlyToken NOT_SEEN = new EarlyToken(State.NOT_SEEN, null);
  /** The early look said this is the last page. */
  static final EarlyToken LAST_PAGE = new EarlyToken(State.LAST_PAGE, null);

  private final State state;
  private final String token;

  private EarlyToken(State state, String token) {
    this.state = state;
    this.token = token;
  }

  /** A token new to the stream: it was recorded as seen and may be chained on. */
  static EarlyToken next(String token) {
    return new EarlyToken(State.NEXT, Objects.requireNonNull(token));
  }

  /** A token the stream had already been given: nothing is chained on it. */
  static EarlyToken loop(String token) {
    return new EarlyToken(State.LOOP, Objects.requireNonNull(token));
  }

  /** Whether the early look named a next page (NEXT or LOOP), which a last page disowns. */
  boolean namedNextPage() {
    return token != null;
  }

  /** Whether the next request was already chained on {@code pageToken}, the parsed token. */
  boolean chainedOn(String pageToken) {
    return state == State.NEXT && pageToken.equals(token);
  }

  /** Whether the early look already found {@code pageToken}, the parsed token, to loop. */
  boolean loopOn(String pageToken) {
    return state == State.LOOP && pageToken.equals(token);
  }

  /** Whether there was an early look and it disagrees with {@code pageToken}, the parsed one. */
  boolean disagreesWith(String pageToken) {
    return state != State.NOT_SEEN && !pageToken.equals(token);
  }

  /** The token the early look recorded as seen (only a NEXT one), or null. */
  String recordedToken() {
    return state == State.NEXT ? token : null;
  }

  @Override public String toString() {
    return token == null ? state.name() : state + "(" + token + ")";
  }
}
