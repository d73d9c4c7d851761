package ai.sendpilot.sql.server;

import ai.sendpilot.sql.adapter.PageCounts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the server has done since it started, for {@code GET /metrics}. */
final class ServerMetrics {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PageCounts pages;
  private final long startedNanos = System.nanoTime();
  private final LongAdder queriesServed = new LongAdder();
  private final LongAdder queriesFailed = new LongAdder();
  private final LongAdder queryMillis = new LongAdder();
  private final LongAdder connectionsOpened = new LongAdder();
  private final LongAdder rejected = new LongAdder();

  /** Metrics of a server whose schema's scans count their pages in {@code pages}. */
  ServerMetrics(PageCounts pages) {
    this.pages = pages;
  }

  void queryServed(long millis) {
    queriesServed.increment();
    queryMillis.add(millis);
  }

  void queryFailed() {
    queriesFailed.increment();
  }

  void connectionOpened() {
    connectionsOpened.increment();
  }

  /** A connection or statement refused by a session limit. */
  void rejected() {
    rejected.increment();
  }

  /** The figures as a JSON object. */
  String json(long connectionsOpen) {
    long served = queriesServed.sum();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("uptimeSeconds", Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds());
    figures.put("queriesServed", served);
    figures.put("queriesFailed", queriesFailed.sum());
    figures.put("meanQueryMillis", served == 0 ? 0 : queryMillis.sum() / served);
    figures.put("connectionsOpen", connectionsOpen);
    figures.put("connectionsOpened", connectionsOpened.sum());
    figures.put("rejectedByLimits", rejected.sum());
    figures.put("pagesRead", pages.pagesRead());
    figures.put("apiRequests", pages.apiRequests());
    figures.put("pageCacheHits", pages.cacheHits());
    try {
      return JSON.writeValueAsString(figures);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
