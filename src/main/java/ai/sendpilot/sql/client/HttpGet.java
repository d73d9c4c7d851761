package ai.sendpilot.sql.client;

import okhttp3.HttpUrl;

/**
 * One GET to the API and how messages and logs name it: method, path and query, never the key
 * (it travels only in a header).
 *
 * @param url where the request goes
 * @param description e.g. {@code GET /v1/inbox/conversations?limit=5}
 */
record HttpGet(HttpUrl url, String description) {
  static HttpGet of(HttpUrl url) {
    String query = url.encodedQuery();
    return new HttpGet(url, "GET " + url.encodedPath() + (query == null ? "" : "?" + query));
  }
}
