package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.sendpilot.sql.testing.Jdbc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong in a connect string is told as an {@link SQLException} or a warning that
 * names the setting, class or schema, never as an unchecked exception out of
 * {@code getConnection}.
 */
class ConnectProblemsTest {
  @TempDir Path dir;

  private final OperatorJvm operator = new OperatorJvm()
      .property("sendpilot.allowInlineModels", "true");

  private static String inlineModel(String schemas) {
    return "model=inline:{\"version\":\"1.0\",\"schemas\":[" + schemas + "]}";
  }

  @Test void aBadSettingValueNamesTheSetting() {
    SQLException e = operator.failure("jdbc:sendpilot:demo=true;pageSize=500");
    assertEquals("08001", e.getSQLState());
    assertEquals("Cannot connect to SendPilot: Setting pageSize must be between 1 and 100,"
        + " got 500", e.getMessage());
  }

  @Test void aMissingJdbcDriverOfTheModelNamesTheClass() {
    SQLException e = operator.failure("jdbc:sendpilot:demo=true;" + inlineModel(
        "{\"name\":\"crm_db\",\"type\":\"jdbc\",\"jdbcUrl\":\"jdbc:nosuch://localhost/crm\","
            + "\"jdbcDriver\":\"com.example.NoSuchDriver\"}"));
    assertEquals("08001", e.getSQLState());
    assertEquals("Cannot connect to SendPilot: the model's JDBC driver class"
        + " com.example.NoSuchDriver is not on the class path; add its jar beside the driver",
        e.getMessage());
  }

  @Test void aModelFileThatCannotBeReadIsNamed() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("model.json"));
    SQLException e = new OperatorJvm().property("sendpilot.allowFilesUnder", dir.toString())
        .failure("jdbc:sendpilot:demo=true;model=" + folder);
    assertEquals("08001", e.getSQLState());
    assertEquals("Cannot connect to SendPilot: cannot read the model file: "
        + folder.toRealPath() + " (Is a directory)", e.getMessage());
  }

  @Test void aMisspeltSettingIsAWarningThatSuggestsTheName() throws Exception {
    try (Connection c = operator.connect("jdbc:sendpilot:demo=true;pageSise=50;timeZone=UTC;"
        + "lex=JAVA;colour=blue")) {
      assertEquals(List.of(
          "01000: Unknown connection property 'colour' is ignored",
          "01000: Unknown connection property 'pageSise' is ignored; did you mean 'pageSize'?"),
          warnings(c));
      assertEquals(List.of("1"), Jdbc.rows(c, "select count(*) from (values 1)"));
    }
  }

  @Test void knownNamesGiveNoWarning() throws Exception {
    try (Connection c = operator.connect("jdbc:sendpilot:demo=true;PAGESIZE=50;timeZone=UTC;"
        + "fun=standard,postgresql;user=ana;password=x")) {
      assertNull(c.getWarnings());
    }
  }

  @Test void theUsersCrmSchemaWinsOverTheDemos() throws Exception {
    Path crm = Files.createDirectories(dir.resolve("crm"));
    Files.writeString(crm.resolve("accounts.csv"), "name:string\nAcme\n");
    try (Connection c = operator.connect("jdbc:sendpilot:demo=true;" + inlineModel(
        "{\"name\":\"crm\",\"type\":\"custom\","
            + "\"factory\":\"org.apache.calcite.adapter.file.FileSchemaFactory\","
            + "\"operand\":{\"directory\":\"" + crm + "\"}}"))) {
      assertEquals(List.of("Acme"), Jdbc.rows(c, "select name from crm.accounts"));
      assertEquals(List.of("01000: The model's schema 'crm' is kept; the demo's crm schema"
          + " (companies, contacts) is not added"), warnings(c));
    }
  }

  private static List<String> warnings(Connection c) throws SQLException {
    List<String> warnings = new ArrayList<>();
    for (SQLWarning w = c.getWarnings(); w != null; w = w.getNextWarning()) {
      warnings.add(w.getSQLState() + ": " + w.getMessage());
    }
    return warnings;
  }
}
