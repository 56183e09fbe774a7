package dev.paramscope.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paramscope.cli.Main;
import dev.paramscope.report.JsonRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The local web page and its JSON API on the JDK's HTTP server. {@code GET /api/<command>?source=…}
 * runs the same command line as the CLI with {@code --format json} and answers its stdout, so the
 * API equals the CLI by construction. Requests run on a bounded pool; query strings are limited to
 * 8 KiB and bodies to 1 MiB.
 */
public final class ApiServer implements AutoCloseable {
  static final int MAX_QUERY_BYTES = 8 * 1024;
  static final int MAX_BODY_BYTES = 1 << 20;

  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final SourceGuard guard;

  public ApiServer(String host, int port, List<Path> allowedFolders) throws IOException {
    this.guard = new SourceGuard(allowedFolders);
    this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
    int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
        new ThreadPoolExecutor.CallerRunsPolicy());
    server.setExecutor(pool);
    server.createContext("/api/", this::api);
    server.createContext("/", new StaticFiles());
  }

  public ApiServer start() {
    server.start();
    return this;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void api(HttpExchange exchange) throws IOException {
    try (exchange) {
      String raw = exchange.getRequestURI().getRawQuery();
      if (raw != null && raw.length() > MAX_QUERY_BYTES) {
        error(exchange, 414, "query string longer than " + MAX_QUERY_BYTES + " bytes");
        return;
      }
      String command = exchange.getRequestURI().getPath().substring("/api/".length());
      if (command.equals("commands")) {
        send(exchange, 200, "{\"commands\": " + jsonArray(ApiRoutes.OPTIONS.keySet().stream().sorted().toList()) + "}");
        return;
      }
      if (!ApiRoutes.OPTIONS.containsKey(command)) {
        error(exchange, 404, "unknown command '" + command + "'");
        return;
      }
      Map<String, List<String>> query = parse(raw);
      Path body = null;
      try {
        if (exchange.getRequestMethod().equals("POST")) {
          if (!command.equals("count")) {
            error(exchange, 405, "only /api/count accepts POST (a config.json body)");
            return;
          }
          body = readBody(exchange);
          if (body == null) {
            return;
          }
          query.put("source", List.of(body.toString()));
        } else if (!exchange.getRequestMethod().equals("GET")) {
          error(exchange, 405, "use GET");
          return;
        }
        Arguments args = arguments(command, query, body != null);
        if (args.refusal() != null) {
          error(exchange, args.status(), args.refusal());
          return;
        }
        run(exchange, args.args());
      } finally {
        if (body != null) {
          Files.deleteIfExists(body);
          Files.deleteIfExists(body.getParent());
        }
      }
    }
  }

  /** The command line for a request, or why it is refused (with the HTTP status to answer). */
  record Arguments(List<String> args, String refusal, int status) {
    static Arguments refuse(int status, String why) {
      return new Arguments(List.of(), why, status);
    }
  }

  private Arguments arguments(String command, Map<String, List<String>> query, boolean posted) {
    List<String> args = new ArrayList<>(List.of(command));
    List<String> sources = query.getOrDefault("source", List.of());
    if (ApiRoutes.NO_SOURCE.contains(command) && !sources.isEmpty()) {
      return Arguments.refuse(400, command + " takes no source");
    }
    if (ApiRoutes.NEEDS_SOURCE.contains(command) && sources.isEmpty()) {
      return Arguments.refuse(400, "missing parameter: source");
    }
    if (!command.equals("compare") && sources.size() > 1) {
      return Arguments.refuse(400, "one source only");
    }
    for (String source : sources) {
      String refusal = posted ? null : guard.refuse(command, source);
      if (refusal != null) {
        return Arguments.refuse(403, source + ": " + refusal);
      }
      args.add(source);
    }
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      String name = e.getKey();
      if (name.equals("source") || name.equals("lang")) {
        continue;
      }
      if (!ApiRoutes.OPTIONS.get(command).contains(name)) {
        return Arguments.refuse(400, "unknown parameter '" + name + "' for " + command);
      }
      String value = e.getValue().get(e.getValue().size() - 1);
      if (ApiRoutes.FLAGS.contains(name)) {
        if (value.equals("true")) {
          args.add("--" + name);
        }
      } else {
        args.add("--" + name);
        args.add(value);
      }
    }
    if (query.containsKey("lang")) {
      args.add("--lang");
      args.add(query.get("lang").get(0));
    }
    args.add("--format");
    args.add("json");
    return new Arguments(args, null, 200);
  }

  private static void run(HttpExchange exchange, List<String> args) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
    if (code == 0) {
      send(exchange, 200, out.toString());
    } else {
      String message = err.toString().strip().lines().findFirst().orElse("error").replaceFirst("^paramscope: ", "");
      error(exchange, code == 2 ? 400 : 500, message);
    }
  }

  private static Path readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        error(exchange, 413, "body larger than " + MAX_BODY_BYTES + " bytes");
        return null;
      }
      Path dir = Files.createTempDirectory("paramscope-post");
      Path file = dir.resolve("config.json");
      Files.write(file, bytes);
      return file;
    }
  }

  static Map<String, List<String>> parse(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(key.toLowerCase(Locale.ROOT).replace('_', '-'), k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  static void error(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, "{\"error\": " + JsonRenderer.quote(message) + "}\n");
  }

  static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String jsonArray(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(JsonRenderer.quote(items.get(i)));
    }
    return b.append(']').toString();
  }
}
