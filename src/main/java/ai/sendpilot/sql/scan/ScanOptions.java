package ai.sendpilot.sql.scan;

import java.time.Duration;

/**
 * How the tables of one schema read pages.
 *
 * @param pageCacheTtl how long a page may be reused by later statements; zero: only within one
 * @param pageCacheMaxConversations the most conversations cached pages may hold; zero: no cache
 * @param nativeOrder whether ORDER BY last_activity_at DESC is answered from the API's order
 */
public record ScanOptions(Duration pageCacheTtl, long pageCacheMaxConversations,
    boolean nativeOrder) {
}
