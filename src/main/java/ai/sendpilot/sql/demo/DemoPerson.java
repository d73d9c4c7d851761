package ai.sendpilot.sql.demo;

/**
 * One person of the demo pool: a LinkedIn member who appears as a conversation participant and
 * can be loaded as a CRM contact. {@code profilePicture} is null for people without one.
 */
public record DemoPerson(int index, String id, String firstName, String lastName, String name,
    String slug, String profileUrl, String profilePicture, String title, int companyIndex,
    String email) {

  public DemoCompany company() {
    return DemoCompanies.company(companyIndex);
  }
}
