package ai.sendpilot.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.config.SendPilotProperty;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What getPropertyInfo offers a tool's connection form: each property once, described, with its
 * default and choices, and nothing the driver would refuse or ignore.
 */
class DriverPropertiesTest {
  @TempDir Path models;

  private static List<String> names(DriverPropertyInfo[] infos) {
    return Arrays.stream(infos).map(i -> i.name).toList();
  }

  @Test void everyPropertyOnceDescribedWithADefaultOrNone() throws Exception {
    DriverPropertyInfo[] infos = new OperatorJvm().driver().getPropertyInfo("jdbc:sendpilot:",
        new Properties());
    Set<String> seen = new HashSet<>();
    for (DriverPropertyInfo i : infos) {
      assertTrue(seen.add(i.name.toLowerCase(Locale.ROOT)), "listed twice: " + i.name);
      assertTrue(i.description != null && i.description.length() > 20, i.name);
      assertFalse(i.required, i.name);
      assertEquals(i.name, CalciteProperties.canonical(i.name), "one spelling: " + i.name);
    }
    List<String> expected = new ArrayList<>();
    for (SendPilotProperty p : SendPilotProperty.values()) {
      expected.add(p.camelName());
    }
    expected.addAll(List.of("lex", "fun", "conformance", "caseSensitive", "quoting",
        "quotedCasing", "unquotedCasing", "timeZone", "locale", "schema",
        "defaultNullCollation", "nullEqualToEmpty", "typeCoercion", "lenientOperatorLookup",
        "approximateDistinctCount", "approximateTopN", "approximateDecimal",
        "forceDecorrelate"));
    assertEquals(expected, names(infos), "no model without the operator's switch");
    DriverPropertyInfo lex = Arrays.stream(infos).filter(i -> i.name.equals("lex"))
        .findFirst().orElseThrow();
    assertEquals("ORACLE", lex.value);
    assertArrayEquals(new String[] {"BIG_QUERY", "ORACLE", "MYSQL", "MYSQL_ANSI", "SQL_SERVER",
        "JAVA"}, lex.choices);
    DriverPropertyInfo fun = Arrays.stream(infos).filter(i -> i.name.equals("fun"))
        .findFirst().orElseThrow();
    assertEquals("standard,postgresql", fun.value, "the driver's default, not Calcite's");
    DriverPropertyInfo caseSensitive = Arrays.stream(infos)
        .filter(i -> i.name.equals("caseSensitive")).findFirst().orElseThrow();
    assertEquals("false", caseSensitive.value);
    assertArrayEquals(new String[] {"true", "false"}, caseSensitive.choices);
  }

  @Test void noExtensionAndNoUndescribedUpperCaseName() throws Exception {
    List<String> listed = names(new SendPilotDriver().getPropertyInfo("jdbc:sendpilot:",
        new Properties()));
    for (String name : listed) {
      assertFalse(CalciteProperties.isExtension(name), name + " needs the operator's switch");
      assertFalse(name.equals(name.toUpperCase(Locale.ROOT)), name);
    }
    for (String refused : List.of("schemaFactory", "typeSystem", "parserFactory", "url",
        "avaticaUser", "AVATICA_USER", "SCHEMA", "FUN", "TIME_ZONE", "password", "user")) {
      assertFalse(listed.contains(refused), refused);
    }
  }

  @Test void modelIsOfferedWhereTheOperatorAllowsModelFiles() throws Exception {
    DriverPropertyInfo[] infos = new OperatorJvm()
        .property("sendpilot.allowFilesUnder", models.toString()).driver()
        .getPropertyInfo("jdbc:sendpilot:", new Properties());
    assertEquals("model", infos[infos.length - 1].name);
    assertNull(infos[infos.length - 1].value);
  }

  /** A tool that sends every listed value back, as DBeaver does, connects without a warning. */
  @Test void everyListedValueIsAccepted() throws Exception {
    SendPilotDriver driver = new OperatorJvm().driver();
    Properties all = new Properties();
    for (DriverPropertyInfo i : driver.getPropertyInfo("jdbc:sendpilot:", new Properties())) {
      if (i.value != null && !i.value.isEmpty()) {
        all.setProperty(i.name, i.value);
      }
    }
    all.setProperty(SendPilotProperty.DEMO.camelName(), "true");
    assertTrue(all.containsKey("defaultNullCollation") && all.containsKey("lex"), all.toString());
    try (Connection c = driver.connect("jdbc:sendpilot:", all)) {
      SQLWarning warning = c.getWarnings();
      assertNull(warning, () -> warning.getMessage());
      assertTrue(c.createStatement().executeQuery("select count(*) from conversations").next());
    }
  }

  @Test void everyCalcitePropertyListedIsCalcites() throws Exception {
    Set<String> calcite = new HashSet<>();
    for (CalciteConnectionProperty p : CalciteConnectionProperty.values()) {
      calcite.add(p.camelName());
    }
    for (String name : names(new SendPilotDriver().getPropertyInfo("jdbc:sendpilot:",
        new Properties()))) {
      assertTrue(SendPilotProperty.of(name).isPresent() || calcite.contains(name), name);
    }
  }
}
