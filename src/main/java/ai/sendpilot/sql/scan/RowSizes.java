package ai.sendpilot.sql.scan;

import java.util.Collection;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;

/** Rough sizes in bytes of the rows and values Calcite's generated code holds. */
public final class RowSizes {
  /** What a buffering operator adds per row it keeps (list slot, map entry, key). */
  static final long PER_ROW_OVERHEAD = 48;

  private RowSizes() {
  }

  /** The bytes {@code value} (a row or one of its values) takes, roughly and on the high side. */
  public static long of(Object value) {
    if (value == null) {
      return 8;
    }
    if (value instanceof String) {
      // Two bytes a character: what a string outside Latin-1, or its builder, takes.
      return 48 + 2L * ((String) value).length();
    }
    if (value instanceof Object[]) {
      Object[] row = (Object[]) value;
      long size = 16 + 8L * row.length;
      for (Object field : row) {
        size += of(field);
      }
      return size;
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
      return 24;
    }
    if (value instanceof ByteString) {
      return 48 + ((ByteString) value).length();
    }
    if (value instanceof Collection) {
      long size = 40;
      for (Object element : (Collection<?>) value) {
        size += 8 + of(element);
      }
      return size;
    }
    if (value instanceof Map) {
      long size = 48;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        size += 32 + of(e.getKey()) + of(e.getValue());
      }
      return size;
    }
    return 32;
  }
}
