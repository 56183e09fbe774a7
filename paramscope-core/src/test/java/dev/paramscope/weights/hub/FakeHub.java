package dev.paramscope.weights.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for the Hugging Face hub, started by tests on 127.0.0.1:0. It serves one
 * repo's files from a folder: the API listing ({@code /api/models/{repo}/revision/{rev}}),
 * {@code /{repo}/resolve/{rev}/{file}} redirecting to {@code /cdn/{file}} like the hub does, and
 * byte ranges there. It misbehaves on demand and counts the bytes it serves.
 */
final class FakeHub implements AutoCloseable {
  enum Fault { NONE, TOO_MANY_REQUESTS_ONCE, ALWAYS_500, UNAUTHORIZED, DROP_ONCE, WRONG_CONTENT_RANGE, IGNORE_RANGE }

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

  private final HttpServer server;
  private final String repo;
  private final Path folder;
  private final List<String> files;
  volatile Fault fault = Fault.NONE;
  volatile String requiredToken;
  final AtomicLong bytesServed = new AtomicLong();
  final AtomicInteger requests = new AtomicInteger();
  final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
  private final AtomicInteger faultsLeft = new AtomicInteger(1);

  FakeHub(String repo, Path folder, List<String> files) throws IOException {
    this.repo = repo;
    this.folder = folder;
    this.files = files;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      exchange.getRequestHeaders().getOrDefault("Authorization", List.of()).forEach(authorizations::add);
      if (fault == Fault.UNAUTHORIZED || (requiredToken != null
          && !("Bearer " + requiredToken).equals(exchange.getRequestHeaders().getFirst("Authorization")))) {
        send(exchange, 401, "unauthorized");
        return;
      }
      if (fault == Fault.ALWAYS_500) {
        send(exchange, 500, "boom");
        return;
      }
      if (fault == Fault.TOO_MANY_REQUESTS_ONCE && faultsLeft.getAndDecrement() > 0) {
        exchange.getResponseHeaders().add("Retry-After", "0");
        send(exchange, 429, "slow down");
        return;
      }
      if (fault == Fault.DROP_ONCE && faultsLeft.getAndDecrement() > 0) {
        exchange.getHttpContext().getServer();
        exchange.close(); // no status line at all: the client sees the connection end
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/api/models/" + repo + "/revision/main")) {
        StringBuilder json = new StringBuilder("{\"id\": \"" + repo + "\", \"siblings\": [");
        for (int i = 0; i < files.size(); i++) {
          json.append(i == 0 ? "" : ", ").append("{\"rfilename\": \"").append(files.get(i)).append("\"}");
        }
        send(exchange, 200, json.append("]}").toString());
      } else if (path.startsWith("/" + repo + "/resolve/main/")) {
        exchange.getResponseHeaders().add("Location", "/cdn/" + path.substring(("/" + repo + "/resolve/main/").length()));
        exchange.sendResponseHeaders(302, -1);
      } else if (path.startsWith("/cdn/") && files.contains(path.substring(5))) {
        serveFile(exchange, folder.resolve(path.substring(5)));
      } else {
        send(exchange, 404, "not found");
      }
    }
  }

  private void serveFile(HttpExchange exchange, Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    String range = exchange.getRequestHeaders().getFirst("Range");
    Matcher m = range == null ? null : RANGE.matcher(range);
    if (m == null || !m.matches() || fault == Fault.IGNORE_RANGE) {
      exchange.sendResponseHeaders(200, all.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(all);
      }
      bytesServed.addAndGet(all.length);
      return;
    }
    int start = Integer.parseInt(m.group(1));
    int end = Math.min(Integer.parseInt(m.group(2)), all.length - 1);
    int shownStart = fault == Fault.WRONG_CONTENT_RANGE ? start + 1 : start;
    exchange.getResponseHeaders().add("Content-Range", "bytes " + shownStart + "-" + end + "/" + all.length);
    exchange.sendResponseHeaders(206, end - start + 1);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(all, start, end - start + 1);
    }
    bytesServed.addAndGet(end - start + 1);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
