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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for the Hugging Face hub, started by tests on 127.0.0.1:0. It serves one
 * repo's files from a folder: the API listing ({@code /api/models/{repo}/revision/{rev}}),
 * {@code /{repo}/resolve/{rev}/{file}} redirecting to {@code /cdn/{file}} (on itself, or on a
 * second FakeHub standing for the CDN, another origin), and byte ranges there. It records every
 * request's headers, counts bytes served and requests in flight, and misbehaves on demand.
 */
final class FakeHub implements AutoCloseable {
  enum Fault {
    NONE, TOO_MANY_REQUESTS_ONCE, UNAVAILABLE_TWICE, ALWAYS_503, ALWAYS_500, UNAUTHORIZED, FORBIDDEN_GATED,
    DROP_ONCE, WRONG_CONTENT_RANGE, IGNORE_RANGE, SEND_MORE, REDIRECT_LOOP, SILENT_BODY
  }

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final String repo;
  private final Path folder;
  private final List<String> files;
  private final CountDownLatch closed = new CountDownLatch(1);
  volatile Fault fault = Fault.NONE;
  volatile String requiredToken;
  volatile String retryAfter = "0";
  /** Where {@code resolve/} redirects to; this server when null. */
  volatile FakeHub cdn;
  /** Whether {@code resolve/} answers with the file itself, as a mirror without a CDN does, instead of redirecting. */
  volatile boolean direct;
  /**
   * The index's answer waits (at most 5 s) until {@code resolve/} of this many other files has
   * been asked for; {@link #indexWaitedFor} then says whether they came.
   */
  volatile int resolvesBeforeIndex;
  volatile boolean indexWaitedFor;
  private final AtomicInteger weightResolves = new AtomicInteger();
  /** Range answers wait until this many Range requests are in flight (at most 5 s), to observe concurrency. */
  volatile int waitForInFlight = 1;
  final AtomicLong bytesServed = new AtomicLong();
  final AtomicInteger requests = new AtomicInteger();
  /** Range requests being answered now, and the most at once. */
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
  /** Every request: its path and headers (names lower-cased). */
  final ConcurrentLinkedQueue<Map<String, List<String>>> headersSeen = new ConcurrentLinkedQueue<>();
  private final AtomicInteger faultsLeft = new AtomicInteger();

  FakeHub(String repo, Path folder, List<String> files) throws IOException {
    this.repo = repo;
    this.folder = folder;
    this.files = files;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  FakeHub fail(Fault fault, int times) {
    this.fault = fault;
    faultsLeft.set(times);
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    boolean ranged = exchange.getRequestHeaders().containsKey("Range");
    if (ranged) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }
    try (exchange) {
      Map<String, List<String>> seen = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
      seen.put(":path", List.of(exchange.getRequestURI().toString()));
      headersSeen.add(seen);
      exchange.getRequestHeaders().getOrDefault("Authorization", List.of()).forEach(authorizations::add);
      if (!misbehave(exchange)) {
        route(exchange);
      }
    } finally {
      if (ranged) {
        inFlight.decrementAndGet();
      }
    }
  }

  /** Answers with the fault when there is one; true if it did. */
  private boolean misbehave(HttpExchange exchange) throws IOException {
    Fault f = fault;
    if (f == Fault.UNAUTHORIZED || (requiredToken != null
        && !("Bearer " + requiredToken).equals(exchange.getRequestHeaders().getFirst("Authorization")))) {
      send(exchange, 401, "unauthorized");
    } else if (f == Fault.FORBIDDEN_GATED) {
      exchange.getResponseHeaders().add("X-Error-Code", "GatedRepo");
      send(exchange, 403, "gated");
    } else if (f == Fault.ALWAYS_500) {
      send(exchange, 500, "boom");
    } else if (f == Fault.ALWAYS_503) {
      send(exchange, 503, "busy");
    } else if ((f == Fault.TOO_MANY_REQUESTS_ONCE || f == Fault.UNAVAILABLE_TWICE) && faultsLeft.getAndDecrement() > 0) {
      exchange.getResponseHeaders().add("Retry-After", retryAfter);
      send(exchange, f == Fault.TOO_MANY_REQUESTS_ONCE ? 429 : 503, "slow down");
    } else if (f == Fault.DROP_ONCE && faultsLeft.getAndDecrement() > 0) {
      exchange.close(); // no status line at all: the client sees the connection end
    } else if (f == Fault.REDIRECT_LOOP) {
      exchange.getResponseHeaders().add("Location", exchange.getRequestURI().getPath());
      exchange.sendResponseHeaders(302, -1);
    } else {
      return false;
    }
    return true;
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String resolve = "/" + repo + "/resolve/main/";
    if (path.equals("/api/models/" + repo + "/revision/main")) {
      StringBuilder json = new StringBuilder("{\"id\": \"" + repo + "\", \"siblings\": [");
      for (int i = 0; i < files.size(); i++) {
        json.append(i == 0 ? "" : ", ").append("{\"rfilename\": \"").append(files.get(i)).append("\"}");
      }
      send(exchange, 200, json.append("]}").toString());
    } else if (path.startsWith(resolve) && files.contains(path.substring(resolve.length()))) {
      String file = path.substring(resolve.length());
      if (!file.endsWith(".json")) {
        weightResolves.incrementAndGet();
      }
      if (direct) {
        serve(exchange, file);
        return;
      }
      FakeHub target = cdn;
      String base = target == null ? "" : target.endpoint();
      // A signed URL, as the hub's CDN redirects carry: the query must never appear in messages.
      exchange.getResponseHeaders().add("Location", base + "/cdn/" + path.substring(resolve.length()) + "?X-Signature=s3cr3t");
      exchange.sendResponseHeaders(302, -1);
    } else if (path.startsWith("/cdn/")) {
      serve(exchange, path.substring(5));
    } else {
      send(exchange, 404, "not found");
    }
  }

  private void serve(HttpExchange exchange, String file) throws IOException {
    if (folder == null || !Files.isRegularFile(folder.resolve(file))) {
      send(exchange, 404, "not found");
      return;
    }
    if (exchange.getRequestHeaders().containsKey("Range")) {
      awaitPeers();
    }
    if (file.equals("model.safetensors.index.json") && resolvesBeforeIndex > 0) {
      indexWaitedFor = await(() -> weightResolves.get() >= resolvesBeforeIndex);
    }
    serveFile(exchange, folder.resolve(file));
  }

  /** Waits at most 5 s for the condition; whether it came true. */
  private static boolean await(java.util.function.BooleanSupplier condition) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        return false;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void awaitPeers() {
    await(() -> inFlight.get() >= waitForInFlight || maxInFlight.get() >= waitForInFlight);
  }

  private void serveFile(HttpExchange exchange, Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    String range = exchange.getRequestHeaders().getFirst("Range");
    Matcher m = range == null ? null : RANGE.matcher(range);
    if (fault == Fault.SILENT_BODY) {
      exchange.sendResponseHeaders(206, all.length);
      awaitClose();
      return;
    }
    if (m == null || !m.matches() || fault == Fault.IGNORE_RANGE) {
      exchange.sendResponseHeaders(200, all.length);
      write(exchange, all, 0, all.length);
      return;
    }
    int start = Integer.parseInt(m.group(1));
    int end = Math.min(Integer.parseInt(m.group(2)), all.length - 1);
    int shownStart = fault == Fault.WRONG_CONTENT_RANGE ? start + 1 : start;
    exchange.getResponseHeaders().add("Content-Range", "bytes " + shownStart + "-" + end + "/" + all.length);
    int length = fault == Fault.SEND_MORE ? all.length - start : end - start + 1;
    exchange.sendResponseHeaders(206, length);
    write(exchange, all, start, length);
  }

  private void write(HttpExchange exchange, byte[] all, int start, int length) throws IOException {
    try (OutputStream out = exchange.getResponseBody()) {
      // In 64 KiB pieces, counting each as it goes: a client that hangs up stops the count.
      for (int at = start; at < start + length; at += 65536) {
        int n = Math.min(65536, start + length - at);
        out.write(all, at, n);
        out.flush();
        bytesServed.addAndGet(n);
      }
    } catch (IOException clientWentAway) {
      // the client cut the body off: what it needed had come
    }
  }

  private void awaitClose() {
    try {
      closed.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
    closed.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
