package ai.sendpilot.sql.pgwire;

import ai.sendpilot.sql.config.LogText;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated session: its driver connection, prepared statements and portals, and
 * transaction status. Its messages run in order on the worker pool, one at a time; the event
 * loop stops reading from a client that is far ahead, and rows wait while the client's socket
 * is full.
 */
final class PgSession {
  /** What {@code server_version} says: a current PostgreSQL, and which server this is. */
  static final String SERVER_VERSION = "17.0 (SendPilot)";
  private static final Logger LOG = LoggerFactory.getLogger(PgSession.class);
  private static final int FLUSH_BYTES = 64 * 1024;
  private static final int MAX_QUEUED = 64;
  private static final char IDLE = 'I';
  private static final char IN_TRANSACTION = 'T';
  private static final char FAILED = 'E';

  private final PgServer server;
  private final Channel channel;
  private final String user;
  private final Map<String, String> startup;
  private final ScheduledFuture<?> startupTimer;
  private final Queue<FrontendMessage> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Object writability = new Object();
  private final Map<String, String> reported = new LinkedHashMap<>();
  private final Map<String, Prepared> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private volatile boolean closed;
  private volatile boolean busy;
  private volatile Statement running;
  private boolean opened;
  private boolean cleanedUp;
  private Connection connection;
  private CancelKeys.Key key;
  private BackendMessages out;
  private char status = IDLE;
  private boolean skipUntilSync;
  private ZoneId zone = ZoneOffset.UTC;

  PgSession(PgServer server, Channel channel, String user, Map<String, String> startup,
      ScheduledFuture<?> startupTimer) {
    this.server = server;
    this.channel = channel;
    this.user = user;
    this.startup = startup;
    this.startupTimer = startupTimer;
  }

  /** Opens the driver connection and finishes the startup, on a worker. */
  void start() {
    schedule();
  }

  void receive(FrontendMessage message) {
    inbox.add(message);
    if (queued.incrementAndGet() > MAX_QUEUED) {
      channel.config().setAutoRead(false);
    }
    schedule();
  }

  /** Whether a message is being handled or waits: the session is not idle. */
  boolean busy() {
    return busy || !inbox.isEmpty();
  }

  /** The socket closed: stop the running query; a worker then closes the connection. */
  void disconnected() {
    closed = true;
    cancel();
    synchronized (writability) {
      writability.notifyAll();
    }
    schedule();
  }

  void writabilityChanged() {
    synchronized (writability) {
      writability.notifyAll();
    }
  }

  /** Cancels the running statement, if any (CancelRequest). */
  void cancel() {
    Statement statement = running;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException e) {
        LOG.debug("cancel failed", e);
      }
    }
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        server.workers.execute(this::drain);
      } catch (RuntimeException e) {
        scheduled.set(false);
        closed = true;
        channel.close();
      }
    }
  }

  private void drain() {
    while (true) {
      if (closed) {
        cleanUp();
        scheduled.set(false);
        return;
      }
      if (!opened) {
        opened = true;
        try {
          open();
        } catch (SessionClosedException e) {
          closed = true;
        }
        continue;
      }
      FrontendMessage message = inbox.poll();
      if (message == null) {
        scheduled.set(false);
        if ((inbox.isEmpty() && !closed) || !scheduled.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      if (queued.decrementAndGet() < MAX_QUEUED / 2 && !channel.config().isAutoRead()) {
        channel.config().setAutoRead(true);
      }
      busy = true;
      try {
        handle(message);
      } catch (ProtocolException e) {
        fatal(e.sqlState(), e.getMessage());
      } catch (SessionClosedException e) {
        closed = true;
      } catch (RuntimeException e) {
        LOG.warn("PostgreSQL session of {} failed", LogText.of(user), e);
        fatal(PgErrors.INTERNAL_ERROR, "internal error: " + e);
      } finally {
        busy = false;
      }
    }
  }

  private void open() {
    out = new BackendMessages(channel.alloc().buffer());
    try {
      connection = server.connections.open(user);
    } catch (SQLException e) {
      LOG.warn("PostgreSQL session of {} could not open its connection", LogText.of(user), e);
      fatal(PgErrors.sqlState(e), "cannot open a session: " + PgErrors.message(e));
      return;
    }
    key = server.cancelKeys.register(this::cancel);
    server.events.connectionOpened().run();
    zone = zone(startup.get("TimeZone"));
    reported.put("application_name", startup.getOrDefault("application_name", ""));
    reported.put("client_encoding", "UTF8");
    reported.put("DateStyle", "ISO, MDY");
    reported.put("default_transaction_read_only", "on");
    reported.put("in_hot_standby", "off");
    reported.put("integer_datetimes", "on");
    reported.put("IntervalStyle", "postgres");
    reported.put("is_superuser", "off");
    reported.put("server_encoding", "UTF8");
    reported.put("server_version", SERVER_VERSION);
    reported.put("session_authorization", user);
    reported.put("standard_conforming_strings", "on");
    reported.put("TimeZone", zone.getId());
    reported.forEach(out::parameterStatus);
    out.backendKeyData(key.processId(), key.secret());
    out.readyForQuery(status);
    flush();
    startupTimer.cancel(false);
    LOG.info("PostgreSQL session opened user={} process={} application={} from={}",
        LogText.of(user), key.processId(), LogText.of(reported.get("application_name")),
        channel.remoteAddress());
  }

  private static ZoneId zone(String name) {
    if (name == null) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  private void handle(FrontendMessage message) {
    switch (message.type()) {
      case 'Q' -> simpleQuery(message.reader());
      case 'P' -> parse(message.reader());
      case 'B' -> bind(message.reader());
      case 'D' -> describe(message.reader());
      case 'E' -> execute(message.reader());
      case 'C' -> close(message.reader());
      case 'S' -> {
        message.reader().end();
        sync();
      }
      case 'H' -> {
        message.reader().end();
        flush();
      }
      case 'X' -> {
        closed = true;
        channel.close();
      }
      default -> throw new ProtocolException("invalid frontend message type "
          + MessageReader.describe(message.type()));
    }
  }

  // ---- simple query

  private void simpleQuery(MessageReader in) {
    String text = in.cstring();
    in.end();
    closePortal("");
    List<String> sqls = SqlText.split(text);
    if (sqls.isEmpty()) {
      out.emptyQueryResponse();
    }
    for (String sql : sqls) {
      if (!runSimple(sql)) {
        break;
      }
    }
    out.readyForQuery(status);
    flush();
  }

  private boolean runSimple(String sql) {
    long started = System.nanoTime();
    SessionCommands.Command command = SessionCommands.match(sql);
    if (command != null) {
      return runCommand(command, new int[] {0}, true);
    }
    if (status == FAILED) {
      abortedTransaction();
      return false;
    }
    CopyOut copy;
    try {
      copy = CopyOut.parse(sql);
    } catch (IllegalArgumentException e) {
      error("0A000", e.getMessage());
      return false;
    }
    if (copy != null) {
      return copyOut(copy, sql, started);
    }
    try (Statement statement = connection.createStatement()) {
      running = statement;
      if (closed) {
        return false;
      }
      long rows;
      if (statement.execute(sql)) {
        try (ResultSet results = statement.getResultSet()) {
          List<PgColumn> columns = PgColumn.of(results.getMetaData());
          int[] formats = new int[columns.size()];
          out.rowDescription(columns, formats);
          rows = sendRows(results, columns, formats, 0);
          warnings(results.getWarnings());
        }
        out.commandComplete(tag(sql, rows));
      } else {
        rows = statement.getUpdateCount();
        out.commandComplete(tag(sql, rows));
      }
      warnings(statement.getWarnings());
      served(sql, started);
      return true;
    } catch (SQLException e) {
      failed(sql, started, e);
      return false;
    } finally {
      running = null;
    }
  }

  /**
   * Runs a session command.
   *
   * @param describe whether to send the RowDescription of SHOW (simple query), or whether
   *     Describe did (extended query)
   */
  private boolean copyOut(CopyOut copy, String sql, long started) {
    try (Statement statement = connection.createStatement()) {
      running = statement;
      if (closed) {
        return false;
      }
      try (ResultSet results = statement.executeQuery(copy.query())) {
        List<PgColumn> columns = PgColumn.of(results.getMetaData());
        out.begin('H').byte1(0).int16(columns.size());
        for (int i = 0; i < columns.size(); i++) {
          out.int16(0);
        }
        out.end();
        String[] values = new String[columns.size()];
        if (copy.header()) {
          for (int i = 0; i < values.length; i++) {
            values[i] = columns.get(i).name();
          }
          copyData(copy.line(values));
        }
        long rows = 0;
        while (results.next()) {
          for (int i = 0; i < values.length; i++) {
            byte[] text = PgValues.encode(results, i + 1, columns.get(i).type(), 0, zone);
            values[i] = text == null ? null : new String(text, StandardCharsets.UTF_8);
          }
          copyData(copy.line(values));
          rows++;
          if (out.buffer().readableBytes() >= FLUSH_BYTES) {
            flush();
            awaitWritable();
          }
        }
        out.begin('c').end();
        out.commandComplete("COPY " + rows);
      }
      served(sql, started);
      return true;
    } catch (SQLException e) {
      failed(sql, started, e);
      return false;
    } finally {
      running = null;
    }
  }

  private void copyData(String line) {
    out.begin('d').bytes(line.getBytes(StandardCharsets.UTF_8)).end();
  }

  private boolean runCommand(SessionCommands.Command command, int[] formats, boolean describe) {
    boolean endsTransaction = command.kind() == SessionCommands.Kind.COMMIT
        || command.kind() == SessionCommands.Kind.ROLLBACK;
    if (status == FAILED && !endsTransaction) {
      abortedTransaction();
      return false;
    }
    switch (command.kind()) {
      case BEGIN -> {
        if (status != IDLE) {
          out.notice('N', "WARNING", "25001", "there is already a transaction in progress", null);
        } else {
          status = IN_TRANSACTION;
        }
        out.commandComplete(command.tag());
      }
      case COMMIT, ROLLBACK -> {
        if (status == IDLE) {
          out.notice('N', "WARNING", "25P01", "there is no transaction in progress", null);
        }
        String tag = status == FAILED ? "ROLLBACK" : command.tag();
        status = IDLE;
        closeAllPortals();
        out.commandComplete(tag);
      }
      case SET -> {
        set(command.name(), command.value());
        out.commandComplete(command.tag());
      }
      case SHOW -> {
        String value = SessionCommands.showValue(command.name(), reported);
        if (value == null) {
          error("42704", "unrecognized configuration parameter \"" + command.name() + "\"");
          return false;
        }
        if (describe) {
          out.rowDescription(List.of(showColumn(command.name())), formats);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.begin('D').int16(1).int32(bytes.length).bytes(bytes).end();
        out.commandComplete("SHOW");
      }
      default -> {
        if (command.tag().equals("DEALLOCATE ALL") || command.tag().equals("DISCARD ALL")) {
          closeAllPortals();
          new ArrayList<>(statements.keySet()).forEach(this::closeStatement);
        } else if (command.tag().equals("DEALLOCATE")) {
          closeStatement(command.name());
        }
        out.commandComplete(command.tag());
      }
    }
    return true;
  }

  private static PgColumn showColumn(String name) {
    String label = name.toLowerCase().replaceAll("\\s+", " ");
    return new PgColumn(label.equals("transaction isolation level") ? "transaction_isolation"
        : label, 0, 0, PgType.TEXT, -1);
  }

  private void set(String name, String value) {
    if (name == null) {
      return;
    }
    String known = reported.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
        .orElse(null);
    if (known == null) {
      reported.put(name.toLowerCase(), value);
      return;
    }
    switch (known) {
      case "TimeZone" -> {
        zone = zone(value);
        reported.put(known, zone.getId());
        out.parameterStatus(known, zone.getId());
      }
      case "application_name" -> {
        reported.put(known, value);
        out.parameterStatus(known, value);
      }
      default -> {
        // Encoding, date style and the rest stay what this server speaks.
      }
    }
  }

  private void abortedTransaction() {
    error("25P02", "current transaction is aborted, commands ignored until end of transaction"
        + " block");
  }

  // ---- extended query

  /** A parsed statement: its driver statement, or a session command, or nothing (empty). */
  private static final class Prepared {
    final String sql;
    final SqlText.Placeholders placeholders;
    final SessionCommands.Command command;
    final PreparedStatement statement;
    final int[] parameterOids;
    final PgType[] parameterTypes;
    final List<PgColumn> columns;
    Portal holder;
    boolean closeWhenFree;

    Prepared(String sql, SqlText.Placeholders placeholders, SessionCommands.Command command,
        PreparedStatement statement, int[] parameterOids, PgType[] parameterTypes,
        List<PgColumn> columns) {
      this.sql = sql;
      this.placeholders = placeholders;
      this.command = command;
      this.statement = statement;
      this.parameterOids = parameterOids;
      this.parameterTypes = parameterTypes;
      this.columns = columns;
    }

    boolean empty() {
      return command == null && statement == null;
    }
  }

  /** A bound statement, and the rows it still has to send after a suspension. */
  private static final class Portal {
    final Prepared prepared;
    final Object[] parameters;
    final int[] formats;
    PreparedStatement statement;
    boolean ownStatement;
    ResultSet rows;
    boolean done;
    long sent;
    long startedNanos;

    Portal(Prepared prepared, Object[] parameters, int[] formats) {
      this.prepared = prepared;
      this.parameters = parameters;
      this.formats = formats;
    }
  }

  private void parse(MessageReader in) {
    String name = in.cstring();
    String sql = in.cstring();
    int count = in.count16();
    int[] oids = new int[count];
    for (int i = 0; i < count; i++) {
      oids[i] = in.int32();
    }
    in.end();
    if (skipUntilSync) {
      return;
    }
    if (!name.isEmpty() && statements.containsKey(name)) {
      extendedError("42P05", "prepared statement \"" + name + "\" already exists");
      return;
    }
    if (!name.isEmpty() && statements.size() >= server.config.statementsPerConnection()) {
      extendedError("53400", "this session already holds " + statements.size()
          + " prepared statements, the most this server allows; close some");
      return;
    }
    Prepared prepared;
    try {
      prepared = prepare(sql, oids);
    } catch (SQLException e) {
      LOG.info("pg parse user={} process={} failed ({}) sql={}", LogText.of(user),
          key.processId(), PgErrors.sqlState(e), LogText.of(sql));
      server.events.queryFailed().run();
      extendedError(PgErrors.sqlState(e), PgErrors.message(e));
      return;
    } catch (IllegalArgumentException e) {
      extendedError("42P02", e.getMessage());
      return;
    }
    if (name.isEmpty()) {
      closeStatement("");
    }
    statements.put(name, prepared);
    out.parseComplete();
  }

  private Prepared prepare(String sql, int[] oids) throws SQLException {
    if (SqlText.isEmpty(sql)) {
      return new Prepared(sql, null, null, null, oids, new PgType[0], null);
    }
    SessionCommands.Command command = SessionCommands.match(sql);
    if (command != null) {
      return new Prepared(sql, null, command, null, oids, new PgType[0], null);
    }
    SqlText.Placeholders placeholders = SqlText.placeholders(sql);
    PreparedStatement statement;
    try {
      statement = connection.prepareStatement(placeholders.sql());
    } catch (SQLException e) {
      // Where nothing around a parameter gives its type, the type the client declared does,
      // as in PostgreSQL; plain markers come first, as they keep every pushdown.
      if (!String.valueOf(e.getMessage()).contains("dynamic parameter")
          || Arrays.stream(oids).allMatch(oid -> PgType.ofOid(oid) == null)) {
        throw e;
      }
      placeholders = SqlText.placeholders(sql, n -> n <= oids.length
          && PgType.ofOid(oids[n - 1]) != null ? PgType.ofOid(oids[n - 1]).sqlName() : null);
      statement = connection.prepareStatement(placeholders.sql());
    }
    try {
      int count = Math.max(placeholders.parameterCount(), oids.length);
      int[] parameterOids = new int[count];
      PgType[] types = new PgType[count];
      ParameterMetaData meta = parameterMetaData(statement);
      for (int n = 1; n <= count; n++) {
        int declared = n <= oids.length ? oids[n - 1] : 0;
        PgType inferred = null;
        int marker = firstMarker(placeholders, n);
        if (meta != null && marker >= 0) {
          inferred = PgType.ofJdbc(meta.getParameterType(marker + 1));
        }
        PgType declaredType = PgType.ofOid(declared);
        types[n - 1] = inferred != null ? inferred
            : declaredType != null ? declaredType : PgType.TEXT;
        parameterOids[n - 1] = declared != 0 ? declared : types[n - 1].oid();
      }
      return new Prepared(sql, placeholders, null, statement, parameterOids, types,
          columns(statement));
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static ParameterMetaData parameterMetaData(PreparedStatement statement) {
    try {
      return statement.getParameterMetaData();
    } catch (SQLException e) {
      return null;
    }
  }

  private static List<PgColumn> columns(PreparedStatement statement) {
    try {
      ResultSetMetaData meta = statement.getMetaData();
      return meta == null ? null : PgColumn.of(meta);
    } catch (SQLException e) {
      return null;
    }
  }

  private static int firstMarker(SqlText.Placeholders placeholders, int parameter) {
    int[] markers = placeholders.parameterOfMarker();
    for (int k = 0; k < markers.length; k++) {
      if (markers[k] == parameter) {
        return k;
      }
    }
    return -1;
  }

  private void bind(MessageReader in) {
    String portalName = in.cstring();
    String statementName = in.cstring();
    int[] parameterFormats = new int[in.count16()];
    for (int i = 0; i < parameterFormats.length; i++) {
      parameterFormats[i] = in.int16();
    }
    int count = in.count16();
    byte[][] values = new byte[count][];
    for (int i = 0; i < count; i++) {
      int length = in.int32();
      values[i] = length == -1 ? null : in.bytes(length);
    }
    int[] resultFormats = new int[in.count16()];
    for (int i = 0; i < resultFormats.length; i++) {
      resultFormats[i] = in.int16();
    }
    in.end();
    if (skipUntilSync) {
      return;
    }
    Prepared prepared = statements.get(statementName);
    if (prepared == null) {
      extendedError("26000", "prepared statement \"" + statementName + "\" does not exist");
      return;
    }
    int expected = prepared.parameterOids.length;
    if (count != expected) {
      extendedError(ProtocolException.PROTOCOL_VIOLATION, "bind message supplies " + count
          + " parameters, but prepared statement \"" + statementName + "\" requires "
          + expected);
      return;
    }
    if (parameterFormats.length > 1 && parameterFormats.length != count) {
      extendedError(ProtocolException.PROTOCOL_VIOLATION, "bind message has "
          + parameterFormats.length + " parameter formats but " + count + " parameters");
      return;
    }
    Object[] parameters = new Object[count];
    for (int i = 0; i < count; i++) {
      int format = parameterFormats.length == 0 ? 0
          : parameterFormats[parameterFormats.length == 1 ? 0 : i];
      try {
        parameters[i] = parameter(prepared, i, format, values[i]);
      } catch (RuntimeException e) {
        extendedError(format == 1 ? "22P03" : "22P02", "invalid value for parameter $" + (i + 1)
            + " of type " + prepared.parameterTypes[i].name().toLowerCase() + ": "
            + e.getMessage());
        return;
      }
    }
    int columns = prepared.columns == null ? 0 : prepared.columns.size();
    int[] formats = new int[columns];
    if (resultFormats.length == 1) {
      Arrays.fill(formats, resultFormats[0]);
    } else if (resultFormats.length == columns) {
      formats = resultFormats;
    } else if (resultFormats.length != 0) {
      extendedError(ProtocolException.PROTOCOL_VIOLATION, "bind message has "
          + resultFormats.length + " result formats but query has " + columns + " columns");
      return;
    }
    for (int format : formats) {
      if (format != 0 && format != 1) {
        extendedError(ProtocolException.PROTOCOL_VIOLATION, "unsupported format code: "
            + format);
        return;
      }
    }
    if (portalName.isEmpty()) {
      closePortal("");
    } else if (portals.containsKey(portalName)) {
      extendedError("42P03", "cursor \"" + portalName + "\" already exists");
      return;
    }
    portals.put(portalName, new Portal(prepared, parameters, formats));
    out.bindComplete();
  }

  private static Object parameter(Prepared prepared, int i, int format, byte[] value) {
    if (value == null) {
      return null;
    }
    PgType target = prepared.parameterTypes[i];
    if (format == 0) {
      return PgValues.fromText(target, new String(value, StandardCharsets.UTF_8));
    }
    if (format != 1) {
      throw new IllegalArgumentException("unsupported format code " + format);
    }
    PgType sent = PgType.ofOid(prepared.parameterOids[i]);
    if (sent == null) {
      throw new IllegalArgumentException("binary format for type OID "
          + prepared.parameterOids[i] + " is not supported");
    }
    return Coercion.to(target, PgValues.fromBinary(sent, value));
  }

  private void describe(MessageReader in) {
    byte kind = in.byte1();
    String name = in.cstring();
    in.end();
    if (skipUntilSync) {
      return;
    }
    if (kind == 'S') {
      Prepared prepared = statements.get(name);
      if (prepared == null) {
        extendedError("26000", "prepared statement \"" + name + "\" does not exist");
        return;
      }
      out.parameterDescription(prepared.parameterOids);
      describeRows(prepared, null);
    } else if (kind == 'P') {
      Portal portal = portals.get(name);
      if (portal == null) {
        extendedError("34000", "portal \"" + name + "\" does not exist");
        return;
      }
      describeRows(portal.prepared, portal.formats);
    } else {
      throw new ProtocolException("invalid DESCRIBE message subtype " + kind);
    }
  }

  private void describeRows(Prepared prepared, int[] formats) {
    if (prepared.columns != null) {
      out.rowDescription(prepared.columns,
          formats == null ? new int[prepared.columns.size()] : formats);
    } else if (prepared.command != null
        && prepared.command.kind() == SessionCommands.Kind.SHOW) {
      out.rowDescription(List.of(showColumn(prepared.command.name())),
          formats == null || formats.length == 0 ? new int[1] : formats);
    } else {
      out.noData();
    }
  }

  private void execute(MessageReader in) {
    String name = in.cstring();
    int maxRows = in.int32();
    in.end();
    if (skipUntilSync) {
      return;
    }
    Portal portal = portals.get(name);
    if (portal == null) {
      extendedError("34000", "portal \"" + name + "\" does not exist");
      return;
    }
    Prepared prepared = portal.prepared;
    if (prepared.empty()) {
      out.emptyQueryResponse();
      return;
    }
    if (prepared.command != null) {
      if (!runCommand(prepared.command, portal.formats, false)) {
        skipUntilSync = true;
      }
      return;
    }
    if (portal.done) {
      out.commandComplete(tag(prepared.sql, 0));
      return;
    }
    try {
      if (portal.rows == null) {
        if (status == FAILED) {
          abortedTransaction();
          skipUntilSync = true;
          return;
        }
        portal.startedNanos = System.nanoTime();
        if (start(portal)) {
          return;
        }
      }
      long limit = maxRows <= 0 ? 0 : maxRows;
      long before = portal.sent;
      portal.sent += sendRows(portal.rows, prepared.columns, portal.formats, limit);
      if (limit != 0 && portal.sent - before == limit) {
        out.portalSuspended();
        return;
      }
      warnings(portal.rows.getWarnings());
      releaseRows(portal);
      portal.done = true;
      out.commandComplete(tag(prepared.sql, portal.sent));
      served(prepared.sql, portal.startedNanos);
    } catch (SQLException e) {
      releaseRows(portal);
      portal.done = true;
      failed(prepared.sql, portal.startedNanos, e);
      skipUntilSync = true;
    } finally {
      running = null;
    }
  }

  /**
   * Binds and runs the portal's statement.
   *
   * @return true when it made no rows (its CommandComplete is sent)
   */
  private boolean start(Portal portal) throws SQLException {
    Prepared prepared = portal.prepared;
    if (prepared.holder != null && prepared.holder != portal) {
      portal.statement = connection.prepareStatement(prepared.placeholders.sql());
      portal.ownStatement = true;
    } else {
      portal.statement = prepared.statement;
      prepared.holder = portal;
    }
    PreparedStatement statement = portal.statement;
    statement.clearParameters();
    int[] markers = prepared.placeholders.parameterOfMarker();
    for (int k = 0; k < markers.length; k++) {
      Object value = portal.parameters[markers[k] - 1];
      if (value == null) {
        statement.setNull(k + 1, prepared.parameterTypes[markers[k] - 1].jdbcType());
      } else {
        statement.setObject(k + 1, value);
      }
    }
    running = statement;
    if (closed) {
      throw new SessionClosedException();
    }
    if (statement.execute()) {
      portal.rows = statement.getResultSet();
      return false;
    }
    long count = statement.getUpdateCount();
    warnings(statement.getWarnings());
    releaseRows(portal);
    portal.done = true;
    out.commandComplete(tag(prepared.sql, count));
    served(prepared.sql, portal.startedNanos);
    return true;
  }

  private void close(MessageReader in) {
    byte kind = in.byte1();
    String name = in.cstring();
    in.end();
    if (skipUntilSync) {
      return;
    }
    if (kind == 'S') {
      closeStatement(name);
    } else if (kind == 'P') {
      closePortal(name);
    } else {
      throw new ProtocolException("invalid CLOSE message subtype " + kind);
    }
    out.closeComplete();
  }

  private void sync() {
    skipUntilSync = false;
    if (status == IDLE) {
      closeAllPortals();
    }
    out.readyForQuery(status);
    flush();
  }

  // ---- rows, tags, notices

  private long sendRows(ResultSet rows, List<PgColumn> columns, int[] formats, long limit)
      throws SQLException {
    long count = 0;
    int width = columns.size();
    while ((limit == 0 || count < limit) && rows.next()) {
      out.begin('D').int16(width);
      for (int i = 0; i < width; i++) {
        byte[] value = PgValues.encode(rows, i + 1, columns.get(i).type(), formats[i], zone);
        if (value == null) {
          out.int32(-1);
        } else {
          out.int32(value.length).bytes(value);
        }
      }
      out.end();
      count++;
      if (out.buffer().readableBytes() >= FLUSH_BYTES) {
        flush();
        awaitWritable();
      }
    }
    return count;
  }

  static String tag(String sql, long rows) {
    String word = SqlText.firstWord(sql);
    return switch (word) {
      case "SELECT", "WITH", "VALUES", "TABLE" -> "SELECT " + Math.max(rows, 0);
      case "INSERT" -> "INSERT 0 " + Math.max(rows, 0);
      case "UPDATE", "DELETE", "MERGE", "FETCH", "MOVE", "COPY" -> word + " " + Math.max(rows, 0);
      default -> word.isEmpty() ? "SELECT " + Math.max(rows, 0) : word;
    };
  }

  private void warnings(SQLWarning warning) {
    for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
      String state = w.getSQLState() == null || w.getSQLState().length() != 5 ? "01000"
          : w.getSQLState();
      out.notice('N', "WARNING", state, PgErrors.message(w), null);
    }
  }

  private void served(String sql, long startedNanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    server.events.queryServed().accept(millis);
    LOG.info("pg query user={} process={} ms={} ok sql={}", LogText.of(user), key.processId(),
        millis, LogText.of(sql));
  }

  private void failed(String sql, long startedNanos, SQLException e) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    server.events.queryFailed().run();
    LOG.info("pg query user={} process={} ms={} failed ({}) sql={}", LogText.of(user),
        key.processId(), millis, PgErrors.sqlState(e), LogText.of(sql));
    error(PgErrors.sqlState(e), PgErrors.message(e));
  }

  private void error(String sqlState, String message) {
    out.notice('E', "ERROR", sqlState, message, null);
    if (status == IN_TRANSACTION) {
      status = FAILED;
    }
  }

  private void extendedError(String sqlState, String message) {
    error(sqlState, message);
    skipUntilSync = true;
  }

  // ---- resources

  private void closeStatement(String name) {
    Prepared prepared = statements.remove(name);
    if (prepared == null || prepared.statement == null) {
      return;
    }
    if (prepared.holder == null) {
      closeQuietly(prepared.statement);
    } else {
      prepared.closeWhenFree = true;
    }
  }

  private void closePortal(String name) {
    Portal portal = portals.remove(name);
    if (portal != null) {
      releaseRows(portal);
    }
  }

  private void closeAllPortals() {
    new ArrayList<>(portals.keySet()).forEach(this::closePortal);
  }

  private void releaseRows(Portal portal) {
    if (portal.rows != null) {
      closeQuietly(portal.rows);
    }
    Prepared prepared = portal.prepared;
    if (portal.ownStatement) {
      closeQuietly(portal.statement);
      portal.ownStatement = false;
    } else if (prepared.holder == portal) {
      prepared.holder = null;
      if (prepared.closeWhenFree) {
        closeQuietly(prepared.statement);
      }
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.debug("close failed", e);
    }
  }

  private void cleanUp() {
    if (cleanedUp) {
      return;
    }
    cleanedUp = true;
    closeAllPortals();
    new ArrayList<>(statements.keySet()).forEach(this::closeStatement);
    if (key != null) {
      server.cancelKeys.remove(key);
    }
    if (connection != null) {
      closeQuietly(connection);
      LOG.info("PostgreSQL session closed user={} process={}", LogText.of(user),
          key.processId());
    }
    if (out != null) {
      out.buffer().release();
      out = null;
    }
  }

  // ---- output

  private void flush() {
    if (closed) {
      throw new SessionClosedException();
    }
    channel.writeAndFlush(out.buffer());
    out = new BackendMessages(channel.alloc().buffer());
  }

  private void awaitWritable() {
    synchronized (writability) {
      while (!channel.isWritable() && channel.isActive() && !closed) {
        try {
          writability.wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SessionClosedException();
        }
      }
    }
    if (closed) {
      throw new SessionClosedException();
    }
  }

  private void fatal(String sqlState, String message) {
    LOG.info("PostgreSQL session of {} ended: {} {}", LogText.of(user), sqlState,
        LogText.of(message));
    if (out != null && channel.isActive()) {
      out.notice('E', "FATAL", sqlState, message, null);
      channel.writeAndFlush(out.buffer()).addListener(f -> channel.close());
      out = new BackendMessages(channel.alloc().buffer());
    } else {
      channel.close();
    }
    closed = true;
  }

  /** Thrown to leave a session's work when its client is gone. */
  private static final class SessionClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
