package ai.sendpilot.sql.server;

/** How clients prove who they are: HTTP BASIC or DIGEST against the users file, or not at all. */
enum Auth {
  BASIC, DIGEST, NONE
}
