package ai.sendpilot.sql.demo;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The demo CRM: {@code contacts} (most people of the demo pool, matched to inbox participants by
 * {@code profile_url}) and the {@code companies} they work for.
 */
public final class DemoCrmSchema extends AbstractSchema {
  /** The name the demo gives the schema. */
  public static final String NAME = "crm";

  /** Seven in ten demo people are in the CRM, so some participants have no contact. */
  private static boolean inCrm(DemoPerson person) {
    return person.index() % 10 < 7;
  }

  @Override protected Map<String, Table> getTableMap() {
    List<Object[]> contacts = new ArrayList<>();
    for (DemoPerson p : DemoPeople.all()) {
      if (inCrm(p)) {
        contacts.add(new Object[] {
            p.index() + 1, p.name(), p.email(), p.title(), p.profileUrl(), p.companyIndex() + 1});
      }
    }
    List<Object[]> companies = new ArrayList<>();
    for (DemoCompany c : DemoCompanies.all()) {
      companies.add(new Object[] {
          c.index() + 1, c.name(), c.domain(), c.industry(), c.employeeCount()});
    }
    return ImmutableMap.of(
        "contacts", new RowsTable(f -> f.builder()
            .add("contact_id", SqlTypeName.INTEGER)
            .add("name", SqlTypeName.VARCHAR)
            .add("email", SqlTypeName.VARCHAR)
            .add("title", SqlTypeName.VARCHAR)
            .add("profile_url", SqlTypeName.VARCHAR)
            .add("company_id", SqlTypeName.INTEGER)
            .build(), contacts),
        "companies", new RowsTable(f -> f.builder()
            .add("company_id", SqlTypeName.INTEGER)
            .add("name", SqlTypeName.VARCHAR)
            .add("domain", SqlTypeName.VARCHAR)
            .add("industry", SqlTypeName.VARCHAR)
            .add("employee_count", SqlTypeName.INTEGER)
            .build(), companies));
  }

  /** A fixed in-memory table. */
  private static final class RowsTable extends AbstractTable implements ScannableTable {
    private final Function<RelDataTypeFactory, RelDataType> rowType;
    private final List<Object[]> rows;

    RowsTable(Function<RelDataTypeFactory, RelDataType> rowType, List<Object[]> rows) {
      this.rowType = rowType;
      this.rows = List.copyOf(rows);
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return rowType.apply(typeFactory);
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows);
    }
  }
}
