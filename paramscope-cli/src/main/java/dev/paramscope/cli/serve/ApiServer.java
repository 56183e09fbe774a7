package dev.paramscope.cli.serve;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paramscope.BadInputException;
import dev.paramscope.cli.Main;
import dev.paramscope.query.InspectQuery;
import dev.paramscope.report.RenderOptions;
import dev.paramscope.report.ReportFormat;
import dev.paramscope.units.ByteUnit;
import dev.paramscope.units.Lang;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local web page and its JSON API on the JDK's HTTP server. {@code GET /api/<command>?source=…}
 * runs the same command line as the CLI with {@code --format json} and answers its stdout, so the
 * API equals the CLI (inspect calls its query directly, with the server's environment). What a
 * hostile page or client can reach is bounded: see {@link RequestGuard} (Host, Origin, headers),
 * {@link SourceGuard} (files) and {@link ApiArguments} (values); query strings are limited to 8 KiB,
 * bodies to 1 MiB, each request to a deadline, remote inspects to a few at a time, and each
 * connection's request and response to the JDK server's {@code maxReqTime}/{@code maxRspTime}.
 */
public final class ApiServer implements AutoCloseable {
  static final int MAX_QUERY_BYTES = 8 * 1024;
  static final int MAX_BODY_BYTES = 1 << 20;
  static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);
  /** Threads reading requests and writing answers: more than a handful of slow clients can hold. */
  static final int HTTP_THREADS = 32;
  /** Threads running commands, and the requests that may wait for one. */
  static final int WORK_THREADS = 8;
  static final int WORK_QUEUE = 256;
  /** hf:// inspects at a time: each may wait on a slow remote until its deadline. */
  static final int REMOTE_INSPECTS = 2;

  static {
    // The JDK server's per-connection limits, read once when its first server starts (seconds):
    // the whole request must arrive within 10 s (slowloris), the answer be taken within 60 s, and
    // an idle kept-alive connection is closed after 30 s. A -D on the command line wins.
    setDefault("sun.net.httpserver.maxReqTime", "10");
    setDefault("sun.net.httpserver.maxRspTime", "60");
    setDefault("sun.net.httpserver.idleInterval", "30");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  private final HttpServer server;
  private final ThreadPoolExecutor httpPool;
  private final ThreadPoolExecutor workPool;
  private final Semaphore remoteSlots = new Semaphore(REMOTE_INSPECTS);
  private final SourceGuard guard;
  private final Map<String, String> env;
  private final Duration deadline;

  public ApiServer(String host, int port, List<Path> allowedFolders) throws IOException {
    this(host, port, allowedFolders, System.getenv(), DEFAULT_DEADLINE);
  }

  /** @param env the environment inspect reads ({@code HF_ENDPOINT}, {@code HF_TOKEN}, the cache) */
  ApiServer(String host, int port, List<Path> allowedFolders, Map<String, String> env, Duration deadline)
      throws IOException {
    this.guard = new SourceGuard(allowedFolders);
    this.env = Map.copyOf(env);
    this.deadline = deadline;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
    this.httpPool = pool(HTTP_THREADS, 1024);
    this.workPool = pool(WORK_THREADS, WORK_QUEUE);
    server.setExecutor(httpPool);
    RequestGuard requestGuard = new RequestGuard(host, port());
    HttpContext api = server.createContext("/api/", this::api);
    HttpContext files = server.createContext("/", new StaticFiles());
    api.getFilters().add(requestGuard);
    files.getFilters().add(requestGuard);
  }

  private static ThreadPoolExecutor pool(int threads, int queue) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queue), new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
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
    httpPool.shutdownNow();
    workPool.shutdownNow();
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
      String unsafe = ApiArguments.unsafeValue(query);
      if (unsafe != null) {
        error(exchange, 400, "a value may not start with '@' or '-': " + unsafe);
        return;
      }
      String method = exchange.getRequestMethod();
      if (method.equals("POST")) {
        post(exchange, command, query);
      } else if (method.equals("GET")) {
        get(exchange, command, query);
      } else {
        error(exchange, 405, "use GET");
      }
    }
  }

  private void get(HttpExchange exchange, String command, Map<String, List<String>> query) throws IOException {
    List<String> sources = new ArrayList<>();
    for (String source : query.getOrDefault("source", List.of())) {
      SourceGuard.Decision decision = guard.check(command, source, env);
      if (decision.refusal() != null) {
        error(exchange, 403, source + ": " + decision.refusal());
        return;
      }
      sources.add(decision.argument());
    }
    answer(exchange, command, sources, query);
  }

  /** {@code POST /api/count} with a config.json body: counted from a private temporary copy. */
  private void post(HttpExchange exchange, String command, Map<String, List<String>> query) throws IOException {
    if (!command.equals("count")) {
      error(exchange, 405, "only /api/count accepts POST (a config.json body)");
      return;
    }
    if (query.containsKey("source")) {
      error(exchange, 400, "POST takes the config as its body, not a source");
      return;
    }
    Path body = readBody(exchange);
    if (body == null) {
      return;
    }
    try {
      answer(exchange, command, List.of(body.toString()), query);
    } finally {
      Files.deleteIfExists(body);
      Files.deleteIfExists(body.getParent());
    }
  }

  private void answer(HttpExchange exchange, String command, List<String> sources, Map<String, List<String>> query)
      throws IOException {
    ApiArguments args = ApiArguments.of(command, sources, query);
    if (args.refusal() != null) {
      error(exchange, args.status(), args.refusal());
      return;
    }
    String usage = Main.usageError(args.args().toArray(new String[0]));
    if (usage != null) {
      error(exchange, 400, usage);
      return;
    }
    boolean remote = command.equals("inspect") && sources.get(0).startsWith("hf://");
    Answer answer = command.equals("inspect")
        ? withDeadline(() -> inspect(sources.get(0), query), remote)
        : withDeadline(() -> run(args.args()), false);
    if (answer.status() == 200) {
      send(exchange, 200, answer.body());
    } else {
      error(exchange, answer.status(), answer.body());
    }
  }

  /** A status and a JSON body (200) or an error message (otherwise). */
  record Answer(int status, String body) {}

  /**
   * Runs {@code work} on the command pool and waits at most the deadline: 504 past it (the work is
   * interrupted), 503 when the pool's queue or the remote slots are full.
   */
  private Answer withDeadline(Callable<Answer> work, boolean remote) {
    if (remote && !remoteSlots.tryAcquire()) {
      return new Answer(503, "already reading " + REMOTE_INSPECTS + " remote checkpoints; try again shortly");
    }
    Future<Answer> future;
    try {
      future = workPool.submit(() -> {
        try {
          return work.call();
        } finally {
          if (remote) {
            remoteSlots.release();
          }
        }
      });
    } catch (RejectedExecutionException e) {
      if (remote) {
        remoteSlots.release();
      }
      return new Answer(503, "server busy; try again shortly");
    }
    try {
      return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Answer(504, "no answer within " + deadline.toSeconds() + " s");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return new Answer(503, "server stopping");
    } catch (ExecutionException e) {
      return new Answer(500, "internal error: " + e.getCause());
    }
  }

  private static Answer run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
    if (code == 0) {
      return new Answer(200, out.toString());
    }
    String message = err.toString().strip().lines().findFirst().orElse("error").replaceFirst("^paramscope: ", "");
    return new Answer(code == 2 ? 400 : 500, message);
  }

  /** inspect through its query, so it reads the server's environment (HF_ENDPOINT, HF_TOKEN, the cache). */
  private Answer inspect(String source, Map<String, List<String>> query) {
    try {
      Lang lang = query.containsKey("lang") ? Lang.parse(query.get("lang").get(0)) : Lang.fromDefaultLocale();
      boolean tensors = query.getOrDefault("tensors", List.of()).contains("true");
      String json = ReportFormat.JSON.render(InspectQuery.inspect(source, tensors, env), new RenderOptions(lang, ByteUnit.GB));
      return new Answer(200, json);
    } catch (BadInputException | IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
      return new Answer(400, String.valueOf(e.getMessage()).replace('\n', ' ').replace('\r', ' '));
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
    send(exchange, status, "{\"error\": " + quote(message) + "}\n");
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

  private static String quote(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }

  private static String jsonArray(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(quote(items.get(i)));
    }
    return b.append(']').toString();
  }
}
