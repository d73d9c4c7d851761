package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.testing.Jdbc;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.config.Lex;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connect string may be typed by someone who is not the JVM's operator: it reaches no file,
 * class or schema of the machine unless the operator's switches allow it, and its errors show
 * nothing of a file's content, nor whether a file exists.
 */
class ConnectStringFilesTest {
  private static final String SECRET = "sk_live_51HqXyZsecretvalue";
  private static final String DEMO = "jdbc:sendpilot:demo=true;";

  @TempDir Path dir;

  @Test void modelFileIsRefusedWithoutSayingWhetherItExists() throws Exception {
    Path secrets = Files.writeString(dir.resolve("secrets.env"), SECRET + "\n");
    SQLException existing = new OperatorJvm().failure(DEMO + "model=" + secrets);
    SQLException missing = new OperatorJvm().failure(DEMO + "model=" + dir.resolve("none"));
    assertRefused(existing, "model", "-Dsendpilot.allowFilesUnder=",
        "SENDPILOT_ALLOW_FILES_UNDER");
    assertEquals(existing.getMessage(), missing.getMessage());
    assertEquals(existing.getSQLState(), missing.getSQLState());
  }

  @Test void modelIsTheModelSettingInAnyCase() throws Exception {
    Path secrets = Files.writeString(dir.resolve("secrets.env"), SECRET + "\n");
    for (String name : List.of("MODEL", "Model", "mOdEl")) {
      assertRefused(new OperatorJvm().failure(DEMO + name + "=" + secrets), "model",
          "sendpilot.allowFilesUnder");
    }
  }

  @Test void modelFileInAnAllowedDirectoryAddsItsSchemas() throws Exception {
    Path allowed = Files.createDirectories(dir.resolve("sendpilot"));
    Path model = writeCrmModel(allowed);
    OperatorJvm jvm = new OperatorJvm().property("sendpilot.allowFilesUnder",
        dir.resolve("elsewhere") + File.pathSeparator + allowed);
    try (Connection c = jvm.connect(DEMO + "model=" + model)) {
      assertEquals(List.of("2"), Jdbc.rows(c, "select count(*) from crm_files.contacts"));
    }
    OperatorJvm fromEnvironment = new OperatorJvm().env("SENDPILOT_ALLOW_FILES_UNDER",
        allowed.toString());
    try (Connection c = fromEnvironment.connect(DEMO + "model=" + model)) {
      assertEquals(List.of("2"), Jdbc.rows(c, "select count(*) from crm_files.contacts"));
    }
  }

  @Test void pathsThatLeaveTheAllowedDirectoryAreRefused() throws Exception {
    Path allowed = Files.createDirectories(dir.resolve("allowed"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path model = writeCrmModel(outside);
    Files.createSymbolicLink(allowed.resolve("link.json"), model);
    Files.createSymbolicLink(allowed.resolve("linked-dir"), outside);
    OperatorJvm jvm = new OperatorJvm().property("sendpilot.allowFilesUnder", allowed.toString());
    for (String path : List.of(model.toString(), allowed + "/../outside/model.json",
        allowed.resolve("link.json").toString(), allowed + "/linked-dir/model.json",
        allowed + "/linked-dir/none.json", allowed + "/linked-dir/none/deeper.json",
        dir + "/allowed-not/model.json")) {
      assertRefused(jvm.failure(DEMO + "model=" + path), "model", "sendpilot.allowFilesUnder");
    }
  }

  @Test void allowedModelFileThatIsNotAModelNamesOnlyTheFileAndThePosition() throws Exception {
    OperatorJvm jvm = new OperatorJvm().property("sendpilot.allowFilesUnder", dir.toString());
    Path notJson = Files.writeString(dir.resolve("secrets.json"), SECRET + "\n");
    Path notAModel = Files.writeString(dir.resolve("other.json"),
        "{\"version\": \"1.0\",\n \"" + SECRET + "\": 1}");
    for (Path file : List.of(notJson, notAModel)) {
      SQLException e = jvm.failure(DEMO + "model=" + file);
      assertNothingOf(SECRET, e);
      assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("line "), e.getMessage());
      assertTrue(e.getMessage().contains("column "), e.getMessage());
    }
  }

  @Test void inlineModelsNeedTheOperatorsSwitch() throws Exception {
    String env = "inline:{\"version\": \"1.0\", \"defaultSchema\": \"x\", \"schemas\": [{"
        + "\"name\": \"x\", \"type\": \"map\", \"functions\": [{\"name\": \"ENV\","
        + " \"className\": \"org.apache.commons.lang3.SystemUtils\","
        + " \"methodName\": \"getEnvironmentVariable\"}]}]}";
    assertRefused(new OperatorJvm().failure(DEMO + "model=" + env), "model",
        "-Dsendpilot.allowInlineModels=true", "SENDPILOT_ALLOW_INLINE_MODELS");
    assertRefused(new OperatorJvm().property("sendpilot.allowFilesUnder", "/")
        .failure(DEMO + "model=" + env), "model", "sendpilot.allowInlineModels");
    String crm = "inline:" + Files.readString(writeCrmModel(dir));
    OperatorJvm jvm = new OperatorJvm().property("sendpilot.allowInlineModels", "true");
    try (Connection c = jvm.connect(DEMO + "model=" + crm.replace("\"crm\"", "\"" + dir
        + "/crm\""))) {
      assertEquals(List.of("2"), Jdbc.rows(c, "select count(*) from crm_files.contacts"));
    }
  }

  @Test void propertiesThatLoadClassesOrMakeSchemasNeedTheOperatorsSwitch() throws Exception {
    Path crm = writeCrmModel(dir).resolveSibling("crm");
    String fileSchema = "org.apache.calcite.adapter.file.FileSchemaFactory";
    List<String> urls = List.of(
        "schemaFactory=" + fileSchema + ";schema.directory=" + crm,
        "SCHEMAFACTORY=" + fileSchema + ";schema.directory=" + crm,
        "schema_factory=" + fileSchema + ";schema.directory=" + crm,
        "schemaType=JDBC;schema.jdbcUrl=jdbc:avatica:remote:url=http://127.0.0.1:9",
        "schema.directory=/",
        "typeSystem=org.apache.calcite.rel.type.RelDataTypeSystem#DEFAULT",
        "parserFactory=org.apache.calcite.sql.parser.impl.SqlParserImpl#FACTORY",
        "metaTableFactory=org.apache.calcite.jdbc.CalciteMetaTableFactoryImpl#INSTANCE",
        "metaColumnFactory=org.apache.calcite.jdbc.CalciteMetaColumnFactoryImpl#INSTANCE",
        "factory=org.apache.calcite.jdbc.CalciteJdbc41Factory",
        "url=http://127.0.0.1:9",
        "truststore=/etc/hosts");
    for (String url : urls) {
      String name = url.substring(0, url.indexOf('='));
      SQLException e = new OperatorJvm().failure(DEMO + url);
      assertRefused(e, "-Dsendpilot.allowCalciteExtensions=true",
          "SENDPILOT_ALLOW_CALCITE_EXTENSIONS");
      assertTrue(e.getMessage().toLowerCase().contains(name.toLowerCase().replace("_", "")),
          e.getMessage());
    }
    OperatorJvm jvm = new OperatorJvm().property("sendpilot.allowCalciteExtensions", "true");
    try (Connection c = jvm.connect(DEMO + "schemaFactory=" + fileSchema
        + ";schema=files;schema.directory=" + crm)) {
      assertEquals(List.of("2"), Jdbc.rows(c, "select count(*) from files.contacts"));
    }
  }

  @Test void plainCalcitePropertiesPassInAnyCase() throws Exception {
    try (Connection c = new OperatorJvm().connect(DEMO + "LEX=JAVA;fun=oracle;timeZone=UTC;"
        + "conformance=LENIENT;schema=crm")) {
      assertEquals(Lex.JAVA, c.unwrap(CalciteConnection.class).config().lex());
      assertEquals(List.of("3"), Jdbc.rows(c, "select nvl(null, 3) from (values (1))"));
    }
  }

  @Test void operatorSwitchesWithoutAClearValueFailTheConnection() {
    SQLException e = new OperatorJvm().property("sendpilot.allowInlineModels", "yes")
        .failure(DEMO);
    assertTrue(e.getMessage().contains("sendpilot.allowInlineModels must be true or false"),
        e.getMessage());
  }

  /** A model with a {@code crm_files} schema over a {@code crm} folder of CSV beside it. */
  private static Path writeCrmModel(Path folder) throws Exception {
    Path crm = Files.createDirectories(folder.resolve("crm"));
    Files.writeString(crm.resolve("contacts.csv"),
        "profile_url:string,email:string\n"
            + "https://www.linkedin.com/in/a,ana@acme.example\n"
            + "https://www.linkedin.com/in/b,li@globex.example\n");
    return Files.writeString(folder.resolve("model.json"),
        "{\"version\": \"1.0\", \"schemas\": [{\"name\": \"crm_files\", \"type\": \"custom\","
            + " \"factory\": \"org.apache.calcite.adapter.file.FileSchemaFactory\","
            + " \"operand\": {\"directory\": \"crm\"}}]}");
  }

  private static void assertRefused(SQLException e, String... mentions) {
    assertEquals("42000", e.getSQLState(), e.getMessage());
    for (String mention : mentions) {
      assertTrue(e.getMessage().contains(mention), mention + " missing in: " + e.getMessage());
    }
    assertNothingOf(SECRET, e);
  }

  /** Neither the message nor any cause's shows {@code text}. */
  static void assertNothingOf(String text, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(text), t.toString());
      assertFalse(t.toString().contains(text), t.toString());
    }
  }
}
