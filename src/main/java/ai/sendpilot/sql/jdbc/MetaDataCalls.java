package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.adapter.InboxCatalog;
import ai.sendpilot.sql.jdbc.CatalogView.ForeignKeyColumn;
import ai.sendpilot.sql.jdbc.CatalogView.KeyColumn;
import ai.sendpilot.sql.jdbc.CatalogView.TableRef;
import java.lang.reflect.Method;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * The {@code DatabaseMetaData} answers BI tools show: catalogs (none), schemas, tables and
 * columns with descriptions and JDBC sizes, names matched in any case, primary and foreign
 * keys, client info properties and the user; the rest is Calcite's.
 */
final class MetaDataCalls implements OwnCalls {
  private static final String[] KEY_COLUMNS = {"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME",
      "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME"};
  private static final Map<String, String> CLIENT_INFO_DESCRIPTIONS = Map.of(
      "ApplicationName", "The application using the connection",
      "ClientUser", "The user the application works for",
      "ClientHostname", "The host the application runs on");
  private static final int CLIENT_INFO_MAX_LENGTH = 4096;

  private final Session session;

  MetaDataCalls(Session session) {
    this.session = session;
  }

  @Override public Object call(Method method, Object[] args) throws SQLException {
    Object[] a = args == null ? new Object[0] : args;
    return switch (method.getName() + "/" + a.length) {
      case "getCatalogs/0" -> new MetaRows().textColumns("TABLE_CAT")
          .toResultSet(session.calcite());
      case "getSchemas/0" -> schemas(null, null);
      case "getSchemas/2" -> schemas((String) a[0], (String) a[1]);
      case "getTables/4" -> tables((String) a[0], (String) a[1], (String) a[2], (String[]) a[3]);
      case "getColumns/4" -> columns((String) a[0], (String) a[1], (String) a[2],
          (String) a[3]);
      case "getPrimaryKeys/3" -> primaryKeys((String) a[0], (String) a[1], (String) a[2]);
      case "getImportedKeys/3" -> keys(table((String) a[0], (String) a[1], (String) a[2]),
          false, key -> true);
      case "getExportedKeys/3" -> keys(table((String) a[0], (String) a[1], (String) a[2]),
          true, key -> true);
      case "getCrossReference/6" -> keys(table((String) a[0], (String) a[1], (String) a[2]),
          true, referringTable(table((String) a[3], (String) a[4], (String) a[5])));
      case "getClientInfoProperties/0" -> clientInfoProperties();
      case "getUserName/0" -> session.user();
      case "supportsCatalogsInDataManipulation/0", "supportsCatalogsInTableDefinitions/0",
          "supportsCatalogsInProcedureCalls/0", "supportsCatalogsInIndexDefinitions/0",
          "supportsCatalogsInPrivilegeDefinitions/0" -> false;
      case "supportsMixedCaseIdentifiers/0", "supportsMixedCaseQuotedIdentifiers/0" ->
          session.calcite().config().caseSensitive();
      default -> PASS;
    };
  }

  private CatalogView view() {
    return new CatalogView(session.calcite());
  }

  /** Whether {@code catalog} selects objects without a catalog, which all are. */
  private static boolean noCatalog(String catalog) {
    return catalog == null || catalog.isEmpty();
  }

  private ResultSet schemas(String catalog, String pattern) throws SQLException {
    MetaRows rows = new MetaRows().textColumns("TABLE_SCHEM", "TABLE_CATALOG");
    if (noCatalog(catalog)) {
      for (CalciteSchema schema : view().schemas(pattern)) {
        rows.row(schema.getName(), null);
      }
    }
    return rows.toResultSet(session.calcite());
  }

  private ResultSet tables(String catalog, String schemaPattern, String tablePattern,
      String[] types) throws SQLException {
    MetaRows rows = new MetaRows().textColumns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
        "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME",
        "SELF_REFERENCING_COL_NAME", "REF_GENERATION");
    if (noCatalog(catalog)) {
      List<TableRef> tables = view().tables(schemaPattern, tablePattern);
      tables.sort(Comparator.comparing(MetaDataCalls::tableType));
      for (TableRef t : tables) {
        if (types == null || Arrays.asList(types).contains(tableType(t))) {
          rows.row(null, t.schemaName(), t.name(), tableType(t),
              t.docs().map(InboxCatalog.Table::description).orElse(null), null, null, null,
              null, null);
        }
      }
    }
    return rows.toResultSet(session.calcite());
  }

  private static String tableType(TableRef table) {
    return table.table().getJdbcTableType().jdbcName;
  }

  private ResultSet columns(String catalog, String schemaPattern, String tablePattern,
      String columnPattern) throws SQLException {
    MetaRows rows = new MetaRows()
        .textColumns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME")
        .column("DATA_TYPE", int.class)
        .textColumns("TYPE_NAME")
        .column("COLUMN_SIZE", Integer.class)
        .column("BUFFER_LENGTH", Integer.class)
        .column("DECIMAL_DIGITS", Integer.class)
        .column("NUM_PREC_RADIX", Integer.class)
        .column("NULLABLE", int.class)
        .textColumns("REMARKS", "COLUMN_DEF")
        .column("SQL_DATA_TYPE", Integer.class)
        .column("SQL_DATETIME_SUB", Integer.class)
        .column("CHAR_OCTET_LENGTH", Integer.class)
        .column("ORDINAL_POSITION", int.class)
        .textColumns("IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE")
        .column("SOURCE_DATA_TYPE", Short.class)
        .textColumns("IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");
    if (noCatalog(catalog)) {
      CatalogView view = view();
      Predicate<String> columnMatches = view.matcher(columnPattern);
      for (TableRef t : view.tables(schemaPattern, tablePattern)) {
        Optional<InboxCatalog.Table> docs = t.docs();
        for (RelDataTypeField field : t.table().getRowType(session.calcite().getTypeFactory())
            .getFieldList()) {
          if (!columnMatches.test(field.getName())) {
            continue;
          }
          Optional<InboxCatalog.Column> doc = docs.flatMap(d -> d.column(field.getName()));
          ColumnType type = ColumnType.of(field.getType(),
              doc.map(InboxCatalog.Column::maxLength).orElse(0));
          boolean nullable = field.getType().isNullable();
          rows.row(null, t.schemaName(), t.name(), field.getName(), type.jdbcType(),
              type.typeName(), type.columnSize(), null, type.decimalDigits(), type.radix(),
              nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
              doc.map(InboxCatalog.Column::description).orElse(null), null, null, null,
              type.charOctetLength(), field.getIndex() + 1, nullable ? "YES" : "NO", null,
              null, null, null, "NO", "NO");
        }
      }
    }
    return rows.toResultSet(session.calcite());
  }

  private Optional<TableRef> table(String catalog, String schema, String table) {
    return noCatalog(catalog) ? view().table(schema, table) : Optional.empty();
  }

  private ResultSet primaryKeys(String catalog, String schema, String table)
      throws SQLException {
    MetaRows rows = new MetaRows().textColumns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
        "COLUMN_NAME").column("KEY_SEQ", short.class).textColumns("PK_NAME");
    Optional<TableRef> ref = table(catalog, schema, table);
    if (ref.isPresent()) {
      for (KeyColumn key : view().primaryKey(ref.get())) {
        rows.row(null, ref.get().schemaName(), ref.get().name(), key.column(), key.sequence(),
            key.keyName());
      }
    }
    return rows.toResultSet(session.calcite());
  }

  /** Keys whose referring table is {@code table}; none when there is no such table. */
  private static Predicate<ForeignKeyColumn> referringTable(Optional<TableRef> table) {
    return key -> table.isPresent() && key.fkSchema().equals(table.get().schemaName())
        && key.fkTable().equals(table.get().name());
  }

  /**
   * The foreign keys of {@code table} ({@code exported} false) or those referring to it, that
   * {@code wanted} accepts.
   */
  private ResultSet keys(Optional<TableRef> table, boolean exported,
      Predicate<ForeignKeyColumn> wanted) throws SQLException {
    MetaRows rows = new MetaRows().textColumns(KEY_COLUMNS)
        .column("KEY_SEQ", short.class).column("UPDATE_RULE", short.class)
        .column("DELETE_RULE", short.class).textColumns("FK_NAME", "PK_NAME")
        .column("DEFERRABILITY", short.class);
    if (table.isPresent()) {
      CatalogView view = view();
      List<ForeignKeyColumn> keys = exported ? view.exportedKeys(table.get())
          : view.importedKeys(table.get());
      for (ForeignKeyColumn k : keys) {
        if (!wanted.test(k)) {
          continue;
        }
        rows.row(null, k.pkSchema(), k.pkTable(), k.pkColumn(), null, k.fkSchema(),
            k.fkTable(), k.fkColumn(), k.sequence(), k.updateRule(), k.deleteRule(),
            k.fkName(), k.pkName(), k.deferrability());
      }
    }
    return rows.toResultSet(session.calcite());
  }

  private ResultSet clientInfoProperties() throws SQLException {
    MetaRows rows = new MetaRows().textColumns("NAME").column("MAX_LEN", int.class)
        .textColumns("DEFAULT_VALUE", "DESCRIPTION");
    for (String name : Session.CLIENT_INFO.stream().sorted().toList()) {
      rows.row(name, CLIENT_INFO_MAX_LENGTH, null, CLIENT_INFO_DESCRIPTIONS.get(name));
    }
    return rows.toResultSet(session.calcite());
  }
}
