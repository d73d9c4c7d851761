package ai.sendpilot.sql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The synthetic data itself: people pool, companies, ids and conversation shapes. */
class DemoDataTest {
  private final DemoInbox inbox = new DemoInbox(SimulatorConfig.builder().seed(3).build());

  @Test void peoplePoolIsDistinctAndLinkedToCompanies() {
    assertEquals(500, DemoPeople.count());
    Set<String> names = new HashSet<>();
    Set<String> urls = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < DemoPeople.count(); i++) {
      DemoPerson p = DemoPeople.person(i);
      assertEquals(i, p.index());
      assertTrue(names.add(p.name()), p.name());
      assertTrue(urls.add(p.profileUrl()), p.profileUrl());
      assertTrue(ids.add(p.id()), p.id());
      assertTrue(p.slug().matches("[a-z0-9]+(-[a-z0-9]+)+"), p.slug());
      assertEquals("https://www.linkedin.com/in/" + p.slug(), p.profileUrl());
      assertTrue(p.email().endsWith("@" + p.company().domain()));
      assertTrue(p.email().matches("[a-z0-9.-]+@[a-z0-9.-]+"), p.email());
      assertEquals(p, DemoPeople.person(i));
    }
    assertTrue(names.containsAll(Set.of("Zoë Müller", "José Álvarez", "Łukasz Wójcik",
        "Søren Kierkegaard")));
    assertEquals("https://www.linkedin.com/in/lukasz-wojcik",
        DemoPeople.person(2).profileUrl().replaceAll("-[0-9a-f]{6}$", ""));
    long withoutPicture = DemoPeople.all().stream().filter(p -> p.profilePicture() == null).count();
    assertTrue(withoutPicture > 50 && withoutPicture < 200);
  }

  @Test void companiesAreDistinct() {
    assertEquals(40, DemoCompanies.count());
    assertEquals(40, DemoCompanies.all().stream().map(DemoCompany::domain).distinct().count());
    assertEquals(40, DemoCompanies.all().stream().map(DemoCompany::name).distinct().count());
    DemoCompanies.all().forEach(c -> assertTrue(c.employeeCount() > 0));
    Set<Integer> used = DemoPeople.all().stream().map(DemoPerson::companyIndex)
        .collect(Collectors.toSet());
    assertEquals(40, used.size(), "every company has people");
  }

  @Test void idsRoundTripAndRejectForeignIds() {
    DemoInbox otherSeed = new DemoInbox(SimulatorConfig.builder().seed(4).build());
    Set<String> ids = new HashSet<>();
    for (long k = 0; k < inbox.size(); k++) {
      String id = inbox.conversationId(k);
      assertEquals(22, id.length());
      assertTrue(id.matches("[A-Za-z0-9_-]{22}"));
      assertEquals(k, inbox.indexOf(id));
      assertEquals(-1, otherSeed.indexOf(id));
      assertTrue(ids.add(id));
    }
    assertEquals(-1, inbox.indexOf("2-OVp-y-UNyFXBYvx0FqmQ"));
    assertEquals(-1, inbox.indexOf("short"));
    assertEquals(-1, inbox.indexOf("!!!!!!!!!!!!!!!!!!!!!!"));
  }

  @Test void mixIsABijection() {
    for (long x : new long[] {0, 1, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE, 0x123456789ABCDEFL}) {
      assertEquals(x, Mix.unmix64(Mix.mix64(x)));
    }
  }

  @Test void conversationsLookRealistic() {
    int withoutLastMessage = 0;
    int unread = 0;
    int groups = 0;
    int missingPictures = 0;
    Map<String, Integer> appearances = new HashMap<>();
    long previous = Long.MAX_VALUE;
    for (long k = 0; k < inbox.size(); k++) {
      ConversationThread thread = inbox.thread(k);
      InboxJson.Conversation c = thread.conversation();
      assertEquals(inbox.accountIdOf(k), c.accountId());
      long at = Instant.parse(c.lastActivityAt()).toEpochMilli();
      assertTrue(at < previous);
      assertEquals(inbox.lastActivityAt(k), at);
      previous = at;
      assertEquals(c.lastActivityAt(), c.updatedAt());
      assertTrue(Instant.parse(c.createdAt()).toEpochMilli() < at);
      assertTrue(c.unreadCount() >= 0 && c.unreadCount() <= 3);
      unread += c.unreadCount() > 0 ? 1 : 0;
      assertTrue(c.participants().size() >= 1 && c.participants().size() <= 3);
      groups += c.participants().size() > 1 ? 1 : 0;
      for (InboxJson.Participant p : c.participants()) {
        appearances.merge(p.profileUrl(), 1, Integer::sum);
        missingPictures += p.profilePicture() == null ? 1 : 0;
      }
      assertTrue(thread.messages().size() >= 2 && thread.messages().size() <= 8);
      assertEquals(c.lastActivityAt(), thread.messages().get(0).sentAt());
      if (c.lastMessage() == null) {
        withoutLastMessage++;
      } else {
        assertTrue(c.lastMessage().content().codePointCount(0,
            c.lastMessage().content().length()) <= 100);
      }
    }
    assertTrue(withoutLastMessage > 3000 / 30 && withoutLastMessage < 3000 / 8,
        "without lastMessage: " + withoutLastMessage);
    assertTrue(unread > 100 && unread < 1500, "unread: " + unread);
    assertTrue(groups > 100, "group conversations: " + groups);
    assertTrue(missingPictures > 100);
    assertTrue(appearances.values().stream().anyMatch(n -> n >= 5), "recurring people");
    assertTrue(appearances.size() > 400);
  }

  @Test void someLastMessagesAreTruncatedAndSomeMessagesHaveAttachments() {
    boolean truncated = false;
    boolean attachments = false;
    for (long k = 0; k < inbox.size(); k++) {
      ConversationThread thread = inbox.thread(k);
      InboxJson.LastMessage last = thread.conversation().lastMessage();
      truncated |= last != null && !last.content().equals(thread.messages().get(0).content());
      attachments |= thread.messages().stream().anyMatch(m -> m.attachments() != null);
    }
    assertTrue(truncated);
    assertTrue(attachments);
  }

  @Test void differentSeedsGiveDifferentInboxes() {
    DemoInbox other = new DemoInbox(SimulatorConfig.builder().seed(4).build());
    assertNotEquals(inbox.conversation(0), other.conversation(0));
    assertEquals(inbox.conversation(17), new DemoInbox(SimulatorConfig.builder().seed(3).build())
        .conversation(17));
  }
}
