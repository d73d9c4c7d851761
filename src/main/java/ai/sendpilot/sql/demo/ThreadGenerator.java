package ai.sendpilot.sql.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Derives conversation {@code k} and its messages from the seed alone, in constant memory. */
final class ThreadGenerator {
  static final long STEP_SECONDS = 37;
  static final long STEP_MILLIS = STEP_SECONDS * 1000;
  private static final long MINUTE = 60_000;

  private final long seed;
  private final long newestActivityMillis;
  private final ConversationIds ids;
  private final List<SenderAccount> accounts;
  private final int tiesPercent;

  ThreadGenerator(long seed, Instant newestActivity, ConversationIds ids,
      List<SenderAccount> accounts, int tiesPercent) {
    this.seed = seed;
    this.newestActivityMillis = newestActivity.toEpochMilli();
    this.ids = ids;
    this.accounts = accounts;
    this.tiesPercent = tiesPercent;
  }

  /**
   * Activity time of conversation k: {@code newestActivity - 37 s * k - jitter}, jitter under
   * 37 s, so strictly decreasing in k; except that a conversation tied to the one before it (see
   * {@link SimulatorConfig#tiesPercent}) has that one's time, so times never increase in k.
   */
  long lastActivityAt(long k) {
    long first = k;
    while (first > 0 && tiedToPrevious(first)) {
      first--;
    }
    return newestActivityMillis - STEP_MILLIS * first
        - Math.floorMod(Mix.hash(seed, first, 0x717L), STEP_MILLIS);
  }

  private boolean tiedToPrevious(long k) {
    return tiesPercent > 0 && Math.floorMod(Mix.hash(seed, k, 0x71EDL), 100) < tiesPercent;
  }

  ConversationThread thread(long k) {
    SeededRandom rng = new SeededRandom(seed, k, 0x7E7EL);
    SenderAccount owner = accounts.get((int) (k % accounts.size()));
    List<DemoPerson> people = participants(rng);
    int count = (int) rng.between(2, 8);
    boolean[] sent = new boolean[count];
    long[] sentAt = new long[count];
    sent[count - 1] = true;
    for (int m = count - 2; m >= 0; m--) {
      sent[m] = rng.chance(0.65) != sent[m + 1];
    }
    sentAt[0] = lastActivityAt(k);
    for (int m = 1; m < count; m++) {
      sentAt[m] = sentAt[m - 1] - rng.between(3 * MINUTE, 3 * 24 * 60 * MINUTE);
    }
    long createdAt = sentAt[count - 1] - rng.between(0, 10 * MINUTE);
    int unread = 0;
    while (unread < Math.min(3, count) && !sent[unread]) {
      unread++;
    }
    if (!rng.chance(0.55)) {
      unread = 0;
    }
    InboxJson.PersonRef me = new InboxJson.PersonRef(owner.personId(), owner.name(),
        owner.profileUrl());
    List<InboxJson.Message> messages = new ArrayList<>(count);
    for (int m = 0; m < count; m++) {
      DemoPerson prospect = sent[m] ? people.get(0) : rng.pick(people);
      InboxJson.PersonRef them = ref(prospect);
      String content = MessageTexts.compose(m == count - 1, sent[m], rng, prospect, owner);
      String readStatus = sent[m] ? (rng.chance(0.15) ? "unknown" : "read")
          : (m < unread ? "unread" : "read");
      List<InboxJson.Attachment> attachments = rng.chance(0.05) ? List.of(attachment(k, m))
          : null;
      messages.add(new InboxJson.Message(messageId(k, m), content, sent[m] ? me : them,
          sent[m] ? them : me, direction(sent[m]), Timestamps.format(sentAt[m]), readStatus,
          "TEXT", attachments));
    }
    InboxJson.LastMessage last = rng.nextInt(15) == 0 ? null
        : new InboxJson.LastMessage(MessageTexts.truncate(messages.get(0).content()),
            messages.get(0).sentAt(), messages.get(0).direction());
    String activity = Timestamps.format(sentAt[0]);
    List<InboxJson.Participant> participants = new ArrayList<>(people.size());
    for (DemoPerson p : people) {
      participants.add(new InboxJson.Participant(p.id(), p.name(), p.profileUrl(),
          p.profilePicture()));
    }
    InboxJson.Conversation conversation = new InboxJson.Conversation(ids.id(k),
        owner.accountId(), List.copyOf(participants), last, activity, unread,
        Timestamps.format(createdAt), activity);
    return new ConversationThread(conversation, List.copyOf(messages));
  }

  private static List<DemoPerson> participants(SeededRandom rng) {
    int wanted = rng.chance(0.8) ? 1 : rng.chance(0.75) ? 2 : 3;
    List<DemoPerson> people = new ArrayList<>(wanted);
    while (people.size() < wanted) {
      DemoPerson p = DemoPeople.person(rng.nextInt(DemoPeople.count()));
      if (!people.contains(p)) {
        people.add(p);
      }
    }
    return people;
  }

  private static InboxJson.PersonRef ref(DemoPerson p) {
    return new InboxJson.PersonRef(p.id(), p.name(), p.profileUrl());
  }

  private static String direction(boolean sent) {
    return sent ? "sent" : "received";
  }

  private String messageId(long k, int m) {
    long h = Mix.hash(seed, k, m, 0x3E55L);
    byte[] bytes = new byte[9];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (h >>> (8 * i));
    }
    bytes[8] = (byte) m;
    return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private InboxJson.Attachment attachment(long k, int m) {
    String id = "att_" + Long.toHexString(Mix.hash(seed, k, m, 0xA77L));
    return new InboxJson.Attachment(id, "FILE", "case-study.pdf",
        "https://files.sendpilot.example/attachments/" + id + "/case-study.pdf");
  }
}
