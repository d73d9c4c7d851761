package ai.sendpilot.sql.demo;

import java.util.List;
import java.util.Locale;

/** Sales-style message texts: an opening pitch, follow-ups, and prospect replies. */
final class MessageTexts {
  private static final List<String> OPENINGS = List.of(
      "Hi {first}, thanks for connecting! I noticed {company} is growing fast in {industry}"
          + " and wanted to share how teams like yours cut their prospecting time in half.",
      "Hi {first}, congrats on the new role at {company}! Quick question: how are you handling"
          + " outbound today?",
      "Hello {first} 👋 I work with several {industry} companies on pipeline generation."
          + " Would it be crazy to compare notes for 15 minutes next week?",
      "Hi {first}, saw your post about scaling the team at {company}. We helped a similar"
          + " company book 40% more meetings in one quarter — happy to share the playbook.",
      "{first}, I'll keep it short: we automate LinkedIn outreach without sounding like a robot."
          + " Worth a chat?",
      "Hi {first}, I'm {me}. I'm reaching out because {company} came up as a great fit for our"
          + " new partner programme in {industry}. Open to learning more?");
  private static final List<String> FOLLOW_UPS = List.of(
      "Just bumping this up in case it got buried, {first}.",
      "Would Tuesday or Thursday afternoon work for a quick call?",
      "Here's the case study I mentioned: a {industry} team went from 12 to 31 booked demos a"
          + " month. Happy to walk you through how they set it up.",
      "Totally understand. Shall I circle back next quarter?",
      "Great — I've sent a calendar invite for Thursday at 15:00 CET. Looking forward to it!",
      "Thanks {first}! I'll loop in my colleague who covers {company}'s region.",
      "No worries at all. If priorities change, you know where to find me. Have a great week!");
  private static final List<String> REPLIES = List.of(
      "Thanks for reaching out! I'd love to discuss this further — can you send over some"
          + " pricing details?",
      "Not the right time for us, sorry. Maybe in Q3?",
      "Sounds interesting. Who else in {industry} are you working with?",
      "Sure, Thursday works. Please send an invite to my work email.",
      "We already use a tool for this, but I'm curious how yours compares. What makes it"
          + " different?",
      "Hi {me}, please take me off your list. Thanks.",
      "Looping in our Head of Sales, who owns this at {company}.",
      "Could you share a short deck? I'll forward it to the team.",
      "Merci ! Let's talk after the holidays — ping me in two weeks.",
      "Thanks, got it 👍");

  private MessageTexts() {
  }

  /** Text of a message by its role in the thread, personalised for the prospect and sender. */
  static String compose(boolean opening, boolean sent, SeededRandom rng, DemoPerson prospect,
      SenderAccount owner) {
    List<String> pool = opening ? OPENINGS : sent ? FOLLOW_UPS : REPLIES;
    DemoCompany company = prospect.company();
    return rng.pick(pool)
        .replace("{first}", prospect.firstName())
        .replace("{company}", company.name())
        .replace("{industry}", company.industry().toLowerCase(Locale.ROOT))
        .replace("{me}", owner.name().substring(0, owner.name().indexOf(' ')));
  }

  /** The first 100 characters (whole code points), as the API truncates {@code lastMessage}. */
  static String truncate(String content) {
    if (content.codePointCount(0, content.length()) <= 100) {
      return content;
    }
    return content.substring(0, content.offsetByCodePoints(0, 100));
  }
}
