package dev.brook.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A pod workload for the tests: serves {@code GET /} with 200 on {@code <address>:<port>} and
 * prints where it runs, so tests can check the pod IP, the environment and the probes.
 */
public final class TinyHttpServer {

  private TinyHttpServer() {}

  public static void main(String[] args) throws IOException {
    String address = args[0];
    int port = Integer.parseInt(args[1]);
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    System.out.printf(
        "listening on %s:%d as pod %s on node %s%n",
        address, port, System.getenv("POD_NAME"), System.getenv("NODE_NAME"));
  }
}
