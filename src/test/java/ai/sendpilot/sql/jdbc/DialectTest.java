package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.testing.FakeInbox;
import ai.sendpilot.sql.testing.QueryAssert;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQL BI tools and people write works by default: PostgreSQL's functions beside the
 * standard ones, CASE results without blank padding, names in any case.
 */
class DialectTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private QueryAssert inbox;

  @BeforeEach void serve() {
    server.setDispatcher(FakeInbox.of("a", 12));
    inbox = QueryAssert.on(server);
  }

  @Test void dateTruncTakesTheUnitFirst() {
    inbox.query("select date_trunc('month', last_activity_at) as m, count(*) from conversations"
        + " group by date_trunc('month', last_activity_at)")
        .returns("2024-02-01 00:00:00.000; 12");
    inbox.query("select date_trunc('hour', last_activity_at),"
        + " date_trunc('MINUTE', last_activity_at), date_trunc('day', last_activity_at),"
        + " date_trunc('week', last_activity_at), date_trunc('quarter', last_activity_at),"
        + " date_trunc('year', last_activity_at), date_trunc('second', last_activity_at)"
        + " from conversations where id = 'a-c0'")
        .returns("2024-02-24 15:00:00.000; 2024-02-24 15:30:00.000; 2024-02-24 00:00:00.000;"
            + " 2024-02-19 00:00:00.000; 2024-01-01 00:00:00.000; 2024-01-01 00:00:00.000;"
            + " 2024-02-24 15:30:00.000");
  }

  @Test void anUnknownDateTruncUnitFailsClearly() {
    inbox.query("select date_trunc('fortnight', last_activity_at) from conversations")
        .failsWith("22023", "date_trunc: unknown unit 'fortnight'; use millisecond, second,"
            + " minute, hour, day, week, month, quarter, year, decade, century or millennium");
  }

  @Test void ilikeMatchesInAnyCase() {
    inbox.query("select count(*) from conversations where id ilike 'A-C1%'").returns("3");
  }

  @Test void toCharFormatsTimestamps() {
    inbox.query("select to_char(last_activity_at, 'YYYY-MM') from conversations"
        + " where id = 'a-c0'").returns("2024-02");
  }

  @Test void currentUserAndSchema() {
    inbox.query("select current_user, current_schema from conversations where id = 'a-c0'")
        .returns("sa; sendpilot");
  }

  @Test void caseResultsAreNotBlankPadded() {
    inbox.query("select distinct case when unread_count > 0 then 'unread' else 'read' end as s,"
        + " char_length(case when unread_count > 0 then 'unread' else 'read' end) as n"
        + " from conversations order by s")
        .returns("read; 4", "unread; 6");
  }

  @Test void identifiersMatchInAnyCase() {
    inbox.query("select ID from SendPilot.CONVERSATIONS where Account_Id = 'a' limit 1")
        .returns("a-c0");
  }

  @Test void theFunctionLibraryCanBeChosen() {
    inbox.with("fun=standard").query("select to_char(last_activity_at, 'YYYY') from"
        + " conversations").failsWith("42000", "No match found for function signature to_char");
  }
}
