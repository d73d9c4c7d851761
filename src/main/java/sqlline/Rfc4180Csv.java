package sqlline;

/**
 * CSV as RFC 4180 writes it and PostgreSQL's {@code COPY … CSV} reads it: a header row, every
 * value in quotes with a quote inside doubled, and a SQL NULL as an empty field without quotes
 * (so it stays apart from an empty string, {@code ""}) unless {@code --nullValue} names a text
 * for it. sqlline's own CSV quotes a NULL like an empty string, and gives a NULL number or
 * timestamp the text {@code null}.
 */
final class Rfc4180Csv extends AbstractOutputFormat {
  private final String separator;
  private final char quote;
  private final boolean[] textColumns;
  private final boolean nullsEmpty;

  /**
   * A CSV writer; {@code textColumns}: which columns hold text, where {@code null} is a value;
   * {@code nullsEmpty}: whether a NULL is an empty field (sqlline's {@code nullValue} unset).
   */
  Rfc4180Csv(SqlLine sqlLine, String separator, char quote, boolean[] textColumns,
      boolean nullsEmpty) {
    super(sqlLine);
    this.separator = separator;
    this.quote = quote;
    this.textColumns = textColumns.clone();
    this.nullsEmpty = nullsEmpty;
  }

  @Override void printHeader(Rows.Row header) {
    print(header, false);
  }

  @Override void printFooter(Rows.Row header) {
  }

  @Override void printRow(Rows rows, Rows.Row header, Rows.Row row) {
    print(row, true);
  }

  private void print(Rows.Row row, boolean values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < row.values.length; i++) {
      if (i > 0) {
        line.append(separator);
      }
      String value = row.values[i];
      if (values && nullsEmpty && isNull(value, i)) {
        continue;
      }
      line.append(quote);
      for (char c : (value == null ? "" : value).toCharArray()) {
        if (c == quote) {
          line.append(c);
        }
        line.append(c);
      }
      line.append(quote);
    }
    sqlLine.output(line.toString());
  }

  /** sqlline's Rows make a NULL text {@code null}, and a NULL of other types {@code "null"}. */
  private boolean isNull(String value, int column) {
    return value == null
        || value.equals("null") && column < textColumns.length && !textColumns[column];
  }
}
