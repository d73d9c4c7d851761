package ai.sendpilot.sql.pgwire;

import ai.sendpilot.sql.config.LogText;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on the event loop: SSLRequest, GSSENCRequest, CancelRequest, the
 * startup message and SCRAM-SHA-256, within the startup timeout; then hands every message to
 * its {@link PgSession}. Nothing reaches the driver before authentication.
 */
final class PgConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(PgConnectionHandler.class);
  private static final int GSSENC_REQUEST = 80_877_104;
  private static final int CANCEL_REQUEST = 80_877_102;
  private static final int PROTOCOL_3 = 3;
  private static final int AUTH_OK = 0;
  private static final int AUTH_SASL = 10;
  private static final int AUTH_SASL_CONTINUE = 11;
  private static final int AUTH_SASL_FINAL = 12;
  static final String SCRAM_SHA_256 = "SCRAM-SHA-256";

  private enum State { STARTUP, SASL_INITIAL, SASL_FINAL, SESSION, CLOSED }

  private final PgServer server;
  private final FrameDecoder decoder;
  private State state = State.STARTUP;
  private boolean tlsRequested;
  private String user;
  private Map<String, String> parameters;
  private ScramExchange scram;
  private ScheduledFuture<?> startupTimer;
  private PgSession session;
  private boolean admitted;

  PgConnectionHandler(PgServer server, FrameDecoder decoder) {
    this.server = server;
    this.decoder = decoder;
  }

  @Override public void channelActive(ChannelHandlerContext ctx) {
    long timeout = server.config.startupTimeout().toMillis();
    startupTimer = ctx.executor().schedule(() -> {
      if (state != State.SESSION && state != State.CLOSED) {
        fatal(ctx, "08006", "the client did not finish its startup within "
            + server.config.startupTimeout().toSeconds() + " s");
      }
    }, timeout, TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
    FrontendMessage message = (FrontendMessage) msg;
    if (state == State.CLOSED) {
      return;
    }
    try {
      switch (state) {
        case STARTUP -> startup(ctx, message);
        case SASL_INITIAL -> saslInitial(ctx, message);
        case SASL_FINAL -> saslFinal(ctx, message);
        case SESSION -> session.receive(message);
        default -> { }
      }
    } catch (ProtocolException e) {
      fatal(ctx, e.sqlState(), e.getMessage());
    }
  }

  private void startup(ChannelHandlerContext ctx, FrontendMessage message) {
    MessageReader in = message.reader();
    int code = in.int32();
    switch (code) {
      case FrameDecoder.SSL_REQUEST -> {
        in.end();
        if (tlsRequested) {
          throw new ProtocolException("SSLRequest sent twice");
        }
        tlsRequested = true;
        if (server.tls == null) {
          ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
        } else {
          ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'S'}));
          ctx.pipeline().addFirst("tls", server.tls.newHandler(ctx.alloc()));
        }
      }
      case GSSENC_REQUEST -> {
        in.end();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
      }
      case CANCEL_REQUEST -> {
        int processId = in.int32();
        int secret = in.int32();
        in.end();
        boolean cancelled = server.cancelKeys.cancel(processId, secret);
        LOG.info("cancel request for process {}: {}", processId,
            cancelled ? "cancelling its query" : "no such session or wrong key, ignored");
        state = State.CLOSED;
        ctx.close();
      }
      default -> startupMessage(ctx, code, in);
    }
  }

  private void startupMessage(ChannelHandlerContext ctx, int version, MessageReader in) {
    int major = version >>> 16;
    int minor = version & 0xffff;
    if (major != PROTOCOL_3) {
      throw new ProtocolException("0A000", "unsupported frontend protocol " + major + "."
          + minor + ": server supports 3.0");
    }
    Map<String, String> given = new LinkedHashMap<>();
    List<String> unknownOptions = new ArrayList<>();
    while (true) {
      String name = in.cstring();
      if (name.isEmpty()) {
        break;
      }
      String value = in.cstring();
      if (name.startsWith("_pq_.")) {
        unknownOptions.add(name);
      } else {
        given.put(name, value);
      }
    }
    in.end();
    user = given.get("user");
    if (user == null || user.isEmpty()) {
      throw new ProtocolException("28000", "no PostgreSQL user name specified in startup"
          + " packet");
    }
    if (given.containsKey("replication") && !given.get("replication").equals("false")) {
      throw new ProtocolException("0A000", "replication connections are not supported");
    }
    parameters = given;
    decoder.typedMessages(FrameDecoder.MAX_STARTUP_BYTES);
    BackendMessages out = new BackendMessages(ctx.alloc().buffer());
    if (minor != 0 || !unknownOptions.isEmpty()) {
      out.negotiateProtocolVersion(0, unknownOptions);
    }
    if (server.users == null) {
      ctx.write(out.buffer());
      authenticated(ctx);
      return;
    }
    out.authentication(AUTH_SASL, (SCRAM_SHA_256 + "\0\0").getBytes(StandardCharsets.UTF_8));
    ctx.writeAndFlush(out.buffer());
    state = State.SASL_INITIAL;
  }

  private void saslInitial(ChannelHandlerContext ctx, FrontendMessage message) {
    if (message.type() != 'p') {
      throw new ProtocolException("expected SASL response, got message type "
          + MessageReader.describe(message.type()));
    }
    MessageReader in = message.reader();
    String mechanism = in.cstring();
    int length = in.int32();
    byte[] data = in.bytes(length);
    in.end();
    if (!mechanism.equals(SCRAM_SHA_256)) {
      throw new ProtocolException("28000", "SASL authentication mechanism " + mechanism
          + " is not supported; this server offers " + SCRAM_SHA_256);
    }
    scram = new ScramExchange(server.users.verifier(user), server.random);
    String serverFirst = scram.serverFirst(new String(data, StandardCharsets.UTF_8));
    BackendMessages out = new BackendMessages(ctx.alloc().buffer());
    out.authentication(AUTH_SASL_CONTINUE, serverFirst.getBytes(StandardCharsets.UTF_8));
    ctx.writeAndFlush(out.buffer());
    state = State.SASL_FINAL;
  }

  private void saslFinal(ChannelHandlerContext ctx, FrontendMessage message) {
    if (message.type() != 'p') {
      throw new ProtocolException("expected SASL response, got message type "
          + MessageReader.describe(message.type()));
    }
    String serverFinal = scram.serverFinal(new String(message.body(), StandardCharsets.UTF_8));
    if (serverFinal == null) {
      LOG.info("PostgreSQL login failed user={} from={}: wrong password or unknown user",
          LogText.of(user), ctx.channel().remoteAddress());
      fatal(ctx, "28P01", "password authentication failed for user \"" + user + "\"");
      return;
    }
    BackendMessages out = new BackendMessages(ctx.alloc().buffer());
    out.authentication(AUTH_SASL_FINAL, serverFinal.getBytes(StandardCharsets.UTF_8));
    ctx.write(out.buffer());
    authenticated(ctx);
  }

  private void authenticated(ChannelHandlerContext ctx) {
    String refusal = server.admit(user);
    if (refusal != null) {
      server.events.rejected().run();
      LOG.info("PostgreSQL session refused user={}: {}", LogText.of(user), refusal);
      fatal(ctx, "53300", refusal);
      return;
    }
    admitted = true;
    BackendMessages out = new BackendMessages(ctx.alloc().buffer());
    out.authentication(AUTH_OK, new byte[0]);
    ctx.writeAndFlush(out.buffer());
    decoder.maxBodyBytes(server.config.maxMessageBytes());
    state = State.SESSION;
    session = new PgSession(server, ctx.channel(), user, parameters, startupTimer);
    long idle = server.config.idleTimeout().toMillis();
    ctx.pipeline().addBefore("frames", "idle",
        new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
    session.start();
  }

  @Override public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle && idle.state() == IdleState.ALL_IDLE
        && session != null && !session.busy()) {
      fatal(ctx, "57P05", "terminating connection due to idle-session timeout ("
          + server.config.idleTimeout().toSeconds() + " s)");
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (session != null) {
      session.writabilityChanged();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) {
    state = State.CLOSED;
    if (startupTimer != null) {
      startupTimer.cancel(false);
    }
    if (session != null) {
      session.disconnected();
    }
    if (admitted) {
      admitted = false;
      server.release(user);
    }
    ctx.fireChannelInactive();
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable root = cause instanceof DecoderException && cause.getCause() != null
        ? cause.getCause() : cause;
    if (root instanceof ProtocolException e) {
      fatal(ctx, e.sqlState(), e.getMessage());
    } else if (root instanceof IOException) {
      LOG.debug("PostgreSQL connection from {} lost: {}", ctx.channel().remoteAddress(),
          root.getMessage());
      state = State.CLOSED;
      ctx.close();
    } else {
      LOG.warn("PostgreSQL connection from {} failed", ctx.channel().remoteAddress(), root);
      fatal(ctx, "XX000", "internal error: " + root.getClass().getSimpleName());
    }
  }

  /** Sends a FATAL error and closes the connection; the server goes on. */
  private void fatal(ChannelHandlerContext ctx, String sqlState, String message) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    LOG.info("PostgreSQL connection from {} ended: {} {}", ctx.channel().remoteAddress(),
        sqlState, LogText.of(message));
    BackendMessages out = new BackendMessages(ctx.alloc().buffer());
    out.notice('E', "FATAL", sqlState, message, null);
    ctx.writeAndFlush(out.buffer()).addListener(f -> ctx.close());
  }
}
