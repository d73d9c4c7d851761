package ai.sendpilot.sql.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed pool of 500 people (independent of any seed) that conversations draw participants
 * from: distinct names with non-ASCII letters, stable profile URLs, a title and one company each.
 */
public final class DemoPeople {
  private static final List<String> FIRST_NAMES = List.of(
      "Zoë", "José", "Łukasz", "Søren", "Anaïs", "Björn", "Chloé", "Dmitri", "Élodie", "Fatima",
      "Giulia", "Hiroshi", "Ingrid", "Jürgen", "Katarzyna", "Lars", "Maëlle", "Nicolás", "Oğuz",
      "Priya", "Rafał", "Siobhán", "Tomás", "Ulrike", "Valentina", "Wei", "Xavier", "Yasmin",
      "Zuzana", "Andrés");
  private static final List<String> LAST_NAMES = List.of(
      "Müller", "Álvarez", "Wójcik", "Kierkegaard", "Dubois", "Lindström", "Nakamura", "Ivanova",
      "Rossi", "O'Connor", "Çelik", "Novák", "Fernández", "Schäfer", "Haddad", "Kowalski",
      "Bergström", "Gonçalves", "Patel", "Nguyễn", "Moreau", "Jensen", "Šimić", "Okafor",
      "Larsen", "Brennan", "Østergaard", "Ferreira", "Yılmaz");
  private static final List<String> TITLES = List.of(
      "VP of Sales", "Head of Revenue Operations", "Chief Marketing Officer", "Founder & CEO",
      "Head of Growth", "Sales Director EMEA", "Procurement Manager", "CTO",
      "Director of Partnerships", "Head of Customer Success", "Marketing Manager",
      "Business Development Manager", "COO", "Head of Talent Acquisition", "Product Lead",
      "Account Executive");
  private static final int COUNT = 500;
  private static final List<DemoPerson> PEOPLE = build();

  private DemoPeople() {
  }

  public static int count() {
    return COUNT;
  }

  public static DemoPerson person(int index) {
    return PEOPLE.get(index);
  }

  public static List<DemoPerson> all() {
    return PEOPLE;
  }

  private static List<DemoPerson> build() {
    List<DemoPerson> people = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      people.add(make(i));
    }
    return List.copyOf(people);
  }

  /**
   * First name {@code i mod F} and last name {@code (i mod F + (i div F)(F + 1)) mod L}: with
   * {@code gcd(F + 1, L) = 1} no two of the first {@code F * L} people share a full name.
   */
  private static DemoPerson make(int i) {
    int f = FIRST_NAMES.size();
    int q = i / f;
    String first = FIRST_NAMES.get(i % f);
    String last = LAST_NAMES.get((i % f + q * (f + 1)) % LAST_NAMES.size());
    String name = first + " " + last;
    String base = Slugs.of(name);
    long h = Mix.hash(0x5EED_0001L, i);
    String slug = i % 3 == 0 ? base
        : base + "-" + Long.toHexString((h >>> 8) & 0xFFFFFFL | 0x100000L);
    String picture = i % 5 == 2 ? null
        : "https://media.licdn.com/dms/image/v2/D4E03AQ" + Long.toHexString(h).toUpperCase()
            + "/profile-displayphoto-shrink_200_200/0/"
            + (1_600_000_000_000L + Math.floorMod(h, 90_000_000_000L));
    int company = (int) Math.floorMod(Mix.hash(0x5EED_0002L, i), (long) DemoCompanies.count());
    String title = TITLES.get((int) Math.floorMod(Mix.hash(0x5EED_0003L, i), (long) TITLES.size()));
    String email = Slugs.of(first) + "." + Slugs.of(last) + "@"
        + DemoCompanies.company(company).domain();
    return new DemoPerson(i, base + "-" + (10_000 + Math.floorMod(h, 90_000L)), first, last, name,
        slug, "https://www.linkedin.com/in/" + slug, picture, title, company, email);
  }
}
