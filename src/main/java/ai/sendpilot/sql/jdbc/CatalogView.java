package ai.sendpilot.sql.jdbc;

import ai.sendpilot.sql.adapter.InboxCatalog;
import ai.sendpilot.sql.adapter.SendPilotSchema;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Table;

/**
 * The schemas and tables of a connection as JDBC metadata shows them: names matched by JDBC
 * patterns in any case, as SQL matches them (unless {@code caseSensitive=true}); the inbox
 * tables described by {@link InboxCatalog}; the keys of a JDBC schema's tables read from its
 * database.
 */
final class CatalogView {
  private static final short NO_ACTION = (short) DatabaseMetaData.importedKeyNoAction;
  private static final short NOT_DEFERRABLE = (short) DatabaseMetaData.importedKeyNotDeferrable;

  private final CalciteSchema root;
  private final boolean caseSensitive;

  /** A table and the schema it is in. */
  record TableRef(CalciteSchema schema, String name, Table table) {
    String schemaName() {
      return schema.getName();
    }

    /** The description of an inbox table; empty for other tables. */
    Optional<InboxCatalog.Table> docs() {
      return schema.schema instanceof SendPilotSchema ? InboxCatalog.table(name)
          : Optional.empty();
    }
  }

  /** A column of a primary key. */
  record KeyColumn(String column, short sequence, String keyName) {
  }

  /** A column of a foreign key, with the primary key column it refers to. */
  record ForeignKeyColumn(String pkSchema, String pkTable, String pkColumn, String fkSchema,
      String fkTable, String fkColumn, short sequence, short updateRule, short deleteRule,
      String fkName, String pkName, short deferrability) {
  }

  CatalogView(CalciteConnection calcite) {
    this.root = CalciteSchema.from(calcite.getRootSchema());
    this.caseSensitive = calcite.config().caseSensitive();
  }

  /** The top-level schemas whose names match the JDBC pattern (null: all), by name. */
  List<CalciteSchema> schemas(String pattern) {
    Predicate<String> matches = matcher(pattern);
    return root.getSubSchemaMap().values().stream()
        .filter(s -> matches.test(s.getName()))
        .collect(Collectors.toList());
  }

  /** The tables whose schema and name match the JDBC patterns, by schema and name. */
  List<TableRef> tables(String schemaPattern, String tablePattern) {
    Predicate<String> matches = matcher(tablePattern);
    List<TableRef> tables = new ArrayList<>();
    for (CalciteSchema schema : schemas(schemaPattern)) {
      for (String name : schema.getTableNames()) {
        if (matches.test(name)) {
          CalciteSchema.TableEntry entry = schema.getTable(name, true);
          if (entry != null) {
            tables.add(new TableRef(schema, name, entry.getTable()));
          }
        }
      }
      schema.getTablesBasedOnNullaryFunctions().forEach((name, table) -> {
        if (matches.test(name)) {
          tables.add(new TableRef(schema, name, table));
        }
      });
    }
    tables.sort(Comparator.comparing(TableRef::schemaName).thenComparing(TableRef::name));
    return tables;
  }

  /** The table of that schema (null: any) and name, each in any case unless case-sensitive. */
  Optional<TableRef> table(String schema, String name) {
    if (name == null) {
      return Optional.empty();
    }
    return tables(schema == null ? null : escape(schema), escape(name)).stream().findFirst();
  }

  /** The columns of {@code table}'s primary key, by column name. */
  List<KeyColumn> primaryKey(TableRef table) throws SQLException {
    Optional<InboxCatalog.Table> docs = table.docs();
    List<KeyColumn> key = new ArrayList<>();
    if (docs.isPresent()) {
      List<String> columns = docs.get().primaryKey();
      for (int i = 0; i < columns.size(); i++) {
        key.add(new KeyColumn(columns.get(i), (short) (i + 1), docs.get().primaryKeyName()));
      }
    } else if (table.table() instanceof JdbcTable) {
      JdbcTable remote = (JdbcTable) table.table();
      try (Connection c = dataSource(table).getConnection();
           ResultSet rs = c.getMetaData().getPrimaryKeys(remote.jdbcCatalogName,
               remote.jdbcSchemaName, remote.jdbcTableName)) {
        while (rs.next()) {
          key.add(new KeyColumn(rs.getString("COLUMN_NAME"), rs.getShort("KEY_SEQ"),
              rs.getString("PK_NAME")));
        }
      }
    }
    key.sort(Comparator.comparing(KeyColumn::column));
    return key;
  }

  /** The foreign keys of {@code table}, by referenced table and sequence. */
  List<ForeignKeyColumn> importedKeys(TableRef table) throws SQLException {
    List<ForeignKeyColumn> keys = new ArrayList<>();
    Optional<InboxCatalog.Table> docs = table.docs();
    if (docs.isPresent()) {
      for (InboxCatalog.ForeignKey key : docs.get().foreignKeys()) {
        keys.addAll(inboxKey(table.schemaName(), docs.get(), key));
      }
    } else if (table.table() instanceof JdbcTable) {
      keys.addAll(remoteKeys(table, DatabaseMetaData::getImportedKeys));
    }
    keys.sort(Comparator.comparing(ForeignKeyColumn::pkSchema)
        .thenComparing(ForeignKeyColumn::pkTable).thenComparing(ForeignKeyColumn::sequence));
    return keys;
  }

  /** The foreign keys that refer to {@code table}, by referring table and sequence. */
  List<ForeignKeyColumn> exportedKeys(TableRef table) throws SQLException {
    List<ForeignKeyColumn> keys = new ArrayList<>();
    if (table.docs().isPresent()) {
      for (TableRef other : tables(escape(table.schemaName()), null)) {
        for (ForeignKeyColumn key : importedKeys(other)) {
          if (key.pkTable().equals(table.name())) {
            keys.add(key);
          }
        }
      }
    } else if (table.table() instanceof JdbcTable) {
      keys.addAll(remoteKeys(table, DatabaseMetaData::getExportedKeys));
    }
    keys.sort(Comparator.comparing(ForeignKeyColumn::fkSchema)
        .thenComparing(ForeignKeyColumn::fkTable).thenComparing(ForeignKeyColumn::sequence));
    return keys;
  }

  private static List<ForeignKeyColumn> inboxKey(String schema, InboxCatalog.Table table,
      InboxCatalog.ForeignKey key) {
    String pkName = InboxCatalog.table(key.referencedTable())
        .map(InboxCatalog.Table::primaryKeyName).orElse(null);
    List<ForeignKeyColumn> columns = new ArrayList<>();
    for (int i = 0; i < key.columns().size(); i++) {
      columns.add(new ForeignKeyColumn(schema, key.referencedTable(),
          key.referencedColumns().get(i), schema, table.name(), key.columns().get(i),
          (short) (i + 1), NO_ACTION, NO_ACTION, key.name(), pkName, NOT_DEFERRABLE));
    }
    return columns;
  }

  /** One of a database's foreign-key queries ({@code getImportedKeys}, {@code getExportedKeys}). */
  @FunctionalInterface
  private interface KeyQuery {
    ResultSet run(DatabaseMetaData metaData, String catalog, String schema, String table)
        throws SQLException;
  }

  /** The foreign keys {@code query} finds for {@code table}, a table of a JDBC schema. */
  private static List<ForeignKeyColumn> remoteKeys(TableRef table, KeyQuery query)
      throws SQLException {
    JdbcTable remote = (JdbcTable) table.table();
    try (Connection c = dataSource(table).getConnection();
         ResultSet rs = query.run(c.getMetaData(), remote.jdbcCatalogName,
             remote.jdbcSchemaName, remote.jdbcTableName)) {
      return remoteKeys(rs, table.schema(), remote);
    }
  }

  /**
   * A remote database's key rows, between tables of the same remote schema, named as the
   * Calcite schema {@code schema} names them.
   */
  private static List<ForeignKeyColumn> remoteKeys(ResultSet rs, CalciteSchema schema,
      JdbcTable remote) throws SQLException {
    List<ForeignKeyColumn> keys = new ArrayList<>();
    while (rs.next()) {
      if (!sameRemoteSchema(rs.getString("PKTABLE_SCHEM"), remote)
          || !sameRemoteSchema(rs.getString("FKTABLE_SCHEM"), remote)) {
        continue;
      }
      keys.add(new ForeignKeyColumn(schema.getName(), rs.getString("PKTABLE_NAME"),
          rs.getString("PKCOLUMN_NAME"), schema.getName(), rs.getString("FKTABLE_NAME"),
          rs.getString("FKCOLUMN_NAME"), rs.getShort("KEY_SEQ"), rs.getShort("UPDATE_RULE"),
          rs.getShort("DELETE_RULE"), rs.getString("FK_NAME"), rs.getString("PK_NAME"),
          rs.getShort("DEFERRABILITY")));
    }
    return keys;
  }

  private static boolean sameRemoteSchema(String schema, JdbcTable remote) {
    return remote.jdbcSchemaName == null || remote.jdbcSchemaName.equals(schema);
  }

  private static DataSource dataSource(TableRef table) {
    return ((JdbcSchema) table.schema().schema).getDataSource();
  }

  /** A predicate of names matching a JDBC pattern ({@code %}, {@code _}, {@code \} escapes). */
  Predicate<String> matcher(String pattern) {
    if (pattern == null) {
      return name -> true;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    Pattern compiled = Pattern.compile(regex.toString(), caseSensitive ? Pattern.DOTALL
        : Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    return name -> compiled.matcher(name).matches();
  }

  /** {@code name} as a JDBC pattern that matches only itself. */
  static String escape(String name) {
    return name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
