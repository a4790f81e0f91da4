package dev.brook.broker.network;

import dev.brook.broker.config.Listener;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts Kafka client connections on each configured listener. NIO transport: it lets {@link
 * SegmentFileRegion} use {@code FileChannel.transferTo} straight into the socket (sendfile).
 */
public final class KafkaServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaServer.class);

  private final EventLoopGroup acceptors =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workers;
  private final List<Channel> serverChannels = new CopyOnWriteArrayList<>();
  private final RequestParser parser;
  private final RequestDispatcher dispatcher;
  private final int maxFrameBytes;
  private final long idleTimeoutMs;

  public KafkaServer(
      RequestParser parser,
      RequestDispatcher dispatcher,
      int networkThreads,
      int maxFrameBytes,
      long idleTimeoutMs) {
    this.parser = parser;
    this.dispatcher = dispatcher;
    this.maxFrameBytes = maxFrameBytes;
    this.idleTimeoutMs = idleTimeoutMs;
    this.workers = new MultiThreadIoEventLoopGroup(networkThreads, NioIoHandler.newFactory());
  }

  /**
   * Binds the listener; returns the bound address (port 0 picks a free port). Connections are not
   * accepted before {@link #startAccepting}: until then the kernel queues them in the backlog.
   */
  public InetSocketAddress bind(Listener listener) throws InterruptedException {
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(acceptors, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(
                            "idle",
                            new IdleStateHandler(0, 0, idleTimeoutMs, TimeUnit.MILLISECONDS))
                        .addLast("frames", new FrameDecoder(maxFrameBytes))
                        .addLast(
                            "requests", new ConnectionHandler(parser, dispatcher, listener.name()));
                  }
                });
    String host = listener.host().isEmpty() ? "0.0.0.0" : listener.host();
    Channel channel = bootstrap.bind(host, listener.port()).sync().channel();
    serverChannels.add(channel);
    InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
    log.info("listening for {} on {}", listener.name(), bound);
    return bound;
  }

  /** Accepts connections on every bound listener, from now on. */
  public void startAccepting() {
    serverChannels.forEach(channel -> channel.config().setAutoRead(true));
  }

  /** Stops accepting, then closes the client connections. */
  @Override
  public void close() {
    serverChannels.forEach(c -> c.close().syncUninterruptibly());
    acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
