package ai.sendpilot.sql.pgwire;

import java.sql.Types;

/** The PostgreSQL types this endpoint sends and receives: OID and fixed length. */
enum PgType {
  BOOL(16, 1), BYTEA(17, -1), INT8(20, 8), INT2(21, 2), INT4(23, 4), TEXT(25, -1),
  FLOAT4(700, 4), FLOAT8(701, 8), BPCHAR(1042, -1), VARCHAR(1043, -1), DATE(1082, 4),
  TIME(1083, 8), TIMESTAMP(1114, 8), TIMESTAMPTZ(1184, 8), NUMERIC(1700, -1);

  private final int oid;
  private final int length;

  PgType(int oid, int length) {
    this.oid = oid;
    this.length = length;
  }

  int oid() {
    return oid;
  }

  int length() {
    return length;
  }

  /** The type of this OID, or null when this endpoint does not know it. */
  static PgType ofOid(int oid) {
    for (PgType type : values()) {
      if (type.oid == oid) {
        return type;
      }
    }
    return null;
  }

  /** The PostgreSQL type a JDBC column type is sent as; anything else goes as text. */
  static PgType ofJdbc(int sqlType) {
    return switch (sqlType) {
      case Types.BOOLEAN, Types.BIT -> BOOL;
      case Types.TINYINT, Types.SMALLINT -> INT2;
      case Types.INTEGER -> INT4;
      case Types.BIGINT -> INT8;
      case Types.REAL -> FLOAT4;
      case Types.FLOAT, Types.DOUBLE -> FLOAT8;
      case Types.DECIMAL, Types.NUMERIC -> NUMERIC;
      case Types.CHAR, Types.NCHAR -> BPCHAR;
      case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR -> VARCHAR;
      case Types.DATE -> DATE;
      case Types.TIME -> TIME;
      case Types.TIMESTAMP -> TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMPTZ;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> BYTEA;
      default -> TEXT;
    };
  }

  /** The SQL type a parameter declared as this type is cast to when nothing else types it. */
  String sqlName() {
    return switch (this) {
      case BOOL -> "BOOLEAN";
      case BYTEA -> "VARBINARY";
      case INT8 -> "BIGINT";
      case INT2 -> "SMALLINT";
      case INT4 -> "INTEGER";
      case FLOAT4 -> "REAL";
      case FLOAT8 -> "DOUBLE";
      case NUMERIC -> "DECIMAL";
      case DATE -> "DATE";
      case TIME -> "TIME";
      case TIMESTAMP -> "TIMESTAMP";
      case TIMESTAMPTZ -> "TIMESTAMP WITH LOCAL TIME ZONE";
      default -> "VARCHAR";
    };
  }

  /** The JDBC type a parameter of this type is bound as. */
  int jdbcType() {
    return switch (this) {
      case BOOL -> Types.BOOLEAN;
      case BYTEA -> Types.VARBINARY;
      case INT8 -> Types.BIGINT;
      case INT2 -> Types.SMALLINT;
      case INT4 -> Types.INTEGER;
      case FLOAT4 -> Types.REAL;
      case FLOAT8 -> Types.DOUBLE;
      case NUMERIC -> Types.DECIMAL;
      case DATE -> Types.DATE;
      case TIME -> Types.TIME;
      case TIMESTAMP -> Types.TIMESTAMP;
      case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
      default -> Types.VARCHAR;
    };
  }
}
