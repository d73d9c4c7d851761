package ai.sendpilot.sql.demo;

import java.util.ArrayList;
import java.util.List;

/** Gives each configured sender account id a deterministic owner (the SDR sending from it). */
final class SenderAccounts {
  private static final List<String> OWNERS = List.of(
      "Hannah Schröder", "Mateo Fernández", "Aoife Ní Bhriain", "Mikael Lindqvist",
      "Camille Lefèvre", "Kenji Watanabe", "Agnieszka Zieliński", "Leonardo Conti");

  private SenderAccounts() {
  }

  static List<SenderAccount> of(List<String> accountIds) {
    List<SenderAccount> accounts = new ArrayList<>(accountIds.size());
    for (int a = 0; a < accountIds.size(); a++) {
      String name = OWNERS.get(a % OWNERS.size());
      String slug = Slugs.of(name) + (a < OWNERS.size() ? "" : "-" + a);
      accounts.add(new SenderAccount(accountIds.get(a), slug + "-" + (70_001 + a), name,
          "https://www.linkedin.com/in/" + slug));
    }
    return List.copyOf(accounts);
  }
}
