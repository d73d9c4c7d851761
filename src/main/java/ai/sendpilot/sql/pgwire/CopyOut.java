package ai.sendpilot.sql.pgwire;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code COPY (query) TO STDOUT} in PostgreSQL's text or CSV format, what psql's
 * {@code \copy (select …) to 'file'} sends; copying tables, from STDIN or to files is not
 * offered (the driver is read-only and the server writes no files).
 *
 * @param query the query inside the parentheses
 * @param csv CSV rather than the text format
 * @param header a first line of column names (CSV only)
 * @param delimiter the field separator
 */
record CopyOut(String query, boolean csv, boolean header, char delimiter) {
  private static final Pattern COPY = Pattern.compile(
      "(?is)\\s*COPY\\s*\\((.*)\\)\\s*TO\\s+STDOUT\\s*(?:WITH\\s*)?(.*?)\\s*;?\\s*");
  private static final Pattern DELIMITER =
      Pattern.compile("(?i)DELIMITER\\s+(?:AS\\s+)?'(.)'");

  /** The copy, or null when {@code sql} is not a COPY; fails on a COPY this server cannot do. */
  static CopyOut parse(String sql) {
    if (!SqlText.firstWord(sql).equals("COPY")) {
      return null;
    }
    Matcher m = COPY.matcher(sql);
    if (!m.matches()) {
      throw new IllegalArgumentException("only COPY (query) TO STDOUT is supported (psql:"
          + " \\copy (select ...) to 'file.csv' csv header); the tables are read-only");
    }
    String options = m.group(2).toUpperCase(Locale.ROOT);
    boolean csv = options.matches("(?s).*\\bCSV\\b.*");
    boolean header = options.matches("(?s).*\\bHEADER\\b(?!\\s+(FALSE|OFF|0)).*");
    Matcher delimiter = DELIMITER.matcher(m.group(2));
    return new CopyOut(m.group(1), csv, header && csv,
        delimiter.find() ? delimiter.group(1).charAt(0) : csv ? ',' : '\t');
  }

  /** One line: each value (null for NULL) in the chosen format, ending in a newline. */
  String line(String[] values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append(delimiter);
      }
      line.append(csv ? csvField(values[i]) : textField(values[i]));
    }
    return line.append('\n').toString();
  }

  private String csvField(String value) {
    if (value == null) {
      return "";
    }
    if (value.isEmpty() || value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.equals("\\.")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  private String textField(String value) {
    if (value == null) {
      return "\\N";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == delimiter) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    return out.toString();
  }
}
