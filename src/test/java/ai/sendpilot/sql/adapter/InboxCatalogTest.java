package ai.sendpilot.sql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.sendpilot.sql.scan.SendPilotTableKind;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** The catalog describes every table and column there is, each in one sentence. */
class InboxCatalogTest {
  @Test void everyTableAndColumnIsDescribed() {
    for (SendPilotTableKind kind : SendPilotTableKind.values()) {
      InboxCatalog.Table table = InboxCatalog.of(kind).orElseThrow(
          () -> new AssertionError(kind + " has no description in InboxCatalog"));
      RelDataType rowType = kind.rowType(new JavaTypeFactoryImpl());
      assertEquals(rowType.getFieldNames(),
          table.columns().stream().map(InboxCatalog.Column::name).collect(Collectors.toList()),
          kind.tableName());
      assertOneSentence(table.description());
      for (RelDataTypeField field : rowType.getFieldList()) {
        InboxCatalog.Column column = table.column(field.getName()).orElseThrow();
        assertOneSentence(column.description());
        boolean text = field.getType().getSqlTypeName() == SqlTypeName.VARCHAR;
        assertEquals(text, column.maxLength() > 0, field.getName());
      }
      assertTrue(rowType.getFieldNames().containsAll(table.primaryKey()), kind.tableName());
    }
  }

  @Test void foreignKeysReferToPrimaryKeys() {
    for (InboxCatalog.Table table : InboxCatalog.tables()) {
      for (InboxCatalog.ForeignKey key : table.foreignKeys()) {
        InboxCatalog.Table referenced = InboxCatalog.table(key.referencedTable()).orElseThrow();
        assertEquals(referenced.primaryKey(), key.referencedColumns(), key.name());
        assertEquals(key.columns().size(), key.referencedColumns().size(), key.name());
      }
    }
    assertEquals(List.of("participants_conversation_fk"), InboxCatalog.table("PARTICIPANTS")
        .orElseThrow().foreignKeys().stream().map(InboxCatalog.ForeignKey::name).toList());
  }

  private static void assertOneSentence(String text) {
    assertTrue(text.endsWith(".") && text.indexOf(". ") < 0 && !text.contains("\n"), text);
  }
}
