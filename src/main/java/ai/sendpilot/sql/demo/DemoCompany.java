package ai.sendpilot.sql.demo;

/** A fictional company that people of the demo pool work for. */
public record DemoCompany(int index, String name, String domain, String industry,
    int employeeCount) {
}
