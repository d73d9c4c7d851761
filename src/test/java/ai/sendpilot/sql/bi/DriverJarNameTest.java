package ai.sendpilot.sql.bi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The jar the README tells BI tools to load is the one the build makes, by one stable name. */
class DriverJarNameTest {
  private static final String BUILD_DIRECTORY = "${project.build.directory}/";

  @Test void theReadmeNamesTheShadedJar() throws Exception {
    String shaded = shadeOutputFile();
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    Set<String> named = new TreeSet<>();
    Matcher jar = Pattern.compile("target/([\\w.-]+\\.jar)").matcher(readme);
    while (jar.find()) {
      named.add(jar.group(1));
    }
    assertFalse(named.isEmpty(), "the README names no jar");
    assertEquals(Set.of(shaded), named);
  }

  /** The file name the shade plugin writes, from its {@code outputFile}. */
  private static String shadeOutputFile() throws Exception {
    Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(Path.of("pom.xml").toFile()).getDocumentElement();
    NodeList plugins = pom.getElementsByTagName("plugin");
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (text(plugin, "artifactId").equals("maven-shade-plugin")) {
        outputs.add(text(plugin, "outputFile"));
      }
    }
    assertEquals(1, outputs.size(), "one shade plugin with an outputFile: " + outputs);
    String output = outputs.get(0);
    assertEquals(BUILD_DIRECTORY, output.substring(0, Math.min(output.length(),
        BUILD_DIRECTORY.length())), output);
    return output.substring(BUILD_DIRECTORY.length());
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }
}
