package ai.sendpilot.sql.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.QueryAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every SQL example of the README runs verbatim in the demo inbox and returns rows. */
class DemoReadmeExamplesTest {
  private static final Pattern SQL_BLOCK =
      Pattern.compile("```sql\n(.*?)```\n(?:\n```\n(.*?)```)?", Pattern.DOTALL);

  private static String examplesSection() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("## Examples");
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end);
  }

  @Test void everyExampleReturnsRows() throws Exception {
    Matcher m = SQL_BLOCK.matcher(examplesSection());
    List<String> run = new ArrayList<>();
    while (m.find()) {
      String sql = m.group(1).strip();
      List<String> rows = QueryAssert.demo().query(sql).rows();
      assertFalse(rows.isEmpty(), "no rows from README example:\n" + sql);
      if (m.group(2) != null) {
        assertEquals(m.group(2).strip(), String.join("\n", rows).strip(),
            "README shows another plan for:\n" + sql);
      }
      run.add(sql);
    }
    assertTrue(run.size() >= 6, "found only " + run.size() + " examples");
  }

  @Test void demoJoinsParticipantsToCrmContacts() {
    long joined = Long.parseLong(QueryAssert.demo().query("select count(*) from participants p"
        + " join crm.contacts k on k.profile_url = p.profile_url").rows().get(0));
    long total = Long.parseLong(
        QueryAssert.demo().query("select count(*) from participants").rows().get(0));
    assertTrue(joined > total / 2 && joined < total, joined + " of " + total);
  }

  @Test void demoNeedsTheExplicitProperty() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:sendpilot:apiKeyEnv=SENDPILOT_TEST_UNSET")
            .close());
    assertTrue(e.getMessage().endsWith(" To try the driver without a key, use demo=true."),
        e.getMessage());
  }
}
