package ai.sendpilot.sql.pgwire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes the server's messages into a buffer, each with its type byte and length word. */
final class BackendMessages {
  private final ByteBuf out;
  private int lengthAt = -1;

  BackendMessages(ByteBuf out) {
    this.out = out;
  }

  ByteBuf buffer() {
    return out;
  }

  /** Starts a message of {@code type}; {@link #end()} fills in its length. */
  BackendMessages begin(char type) {
    out.writeByte(type);
    lengthAt = out.writerIndex();
    out.writeInt(0);
    return this;
  }

  BackendMessages int32(int value) {
    out.writeInt(value);
    return this;
  }

  BackendMessages int16(int value) {
    out.writeShort(value);
    return this;
  }

  BackendMessages byte1(int value) {
    out.writeByte(value);
    return this;
  }

  BackendMessages cstring(String value) {
    out.writeCharSequence(value.indexOf('\0') < 0 ? value : value.replace('\0', ' '),
        StandardCharsets.UTF_8);
    out.writeByte(0);
    return this;
  }

  BackendMessages bytes(byte[] value) {
    out.writeBytes(value);
    return this;
  }

  void end() {
    out.setInt(lengthAt, out.writerIndex() - lengthAt);
    lengthAt = -1;
  }

  void authentication(int code, byte[] data) {
    begin('R').int32(code).bytes(data).end();
  }

  void parameterStatus(String name, String value) {
    begin('S').cstring(name).cstring(value).end();
  }

  void backendKeyData(int processId, int secret) {
    begin('K').int32(processId).int32(secret).end();
  }

  void readyForQuery(char status) {
    begin('Z').byte1(status).end();
  }

  void commandComplete(String tag) {
    begin('C').cstring(tag).end();
  }

  void emptyQueryResponse() {
    begin('I').end();
  }

  void parseComplete() {
    begin('1').end();
  }

  void bindComplete() {
    begin('2').end();
  }

  void closeComplete() {
    begin('3').end();
  }

  void noData() {
    begin('n').end();
  }

  void portalSuspended() {
    begin('s').end();
  }

  void parameterDescription(int[] oids) {
    begin('t').int16(oids.length);
    for (int oid : oids) {
      int32(oid);
    }
    end();
  }

  void rowDescription(List<PgColumn> columns, int[] formats) {
    begin('T').int16(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      PgColumn column = columns.get(i);
      cstring(column.name()).int32(column.tableOid()).int16(column.attributeNumber())
          .int32(column.type().oid()).int16(column.type().length()).int32(column.typeModifier())
          .int16(formats[i]);
    }
    end();
  }

  /** An ErrorResponse ({@code E}) or NoticeResponse ({@code N}). */
  void notice(char type, String severity, String sqlState, String message, String hint) {
    begin(type).byte1('S').cstring(severity).byte1('V').cstring(severity)
        .byte1('C').cstring(sqlState).byte1('M').cstring(message);
    if (hint != null) {
      byte1('H').cstring(hint);
    }
    byte1(0).end();
  }

  void negotiateProtocolVersion(int minor, List<String> unknownOptions) {
    begin('v').int32(minor).int32(unknownOptions.size());
    for (String option : unknownOptions) {
      cstring(option);
    }
    end();
  }
}
