package ai.sendpilot.sql.demo;

import java.text.Normalizer;
import java.util.Locale;

/** Folds display names to the ASCII, hyphenated form used in LinkedIn profile slugs and emails. */
final class Slugs {
  private Slugs() {
  }

  /** {@code "Łukasz Wójcik"} becomes {@code "lukasz-wojcik"}. */
  static String of(String name) {
    String folded = Normalizer.normalize(name, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replace("ł", "l").replace("Ł", "L")
        .replace("ø", "o").replace("Ø", "O")
        .replace("ß", "ss").replace("æ", "ae").replace("Æ", "Ae")
        .replace("đ", "d").replace("ı", "i")
        .replace("'", "");
    return folded.toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-|-$", "");
  }
}
