package ai.sendpilot.sql.client;

/**
 * One page of {@code GET /v1/inbox/conversations}.
 *
 * @param accountId one sender account, or null for every account of the workspace
 * @param limit page size, 1..100
 * @param continuationToken token of the previous page, or null for the first page
 */
public record PageRequest(String accountId, int limit, String continuationToken) {
  public PageRequest {
    if (limit < 1 || limit > ClientConfig.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("limit must be within 1.." + ClientConfig.MAX_PAGE_SIZE
          + ", got " + limit);
    }
  }
}
