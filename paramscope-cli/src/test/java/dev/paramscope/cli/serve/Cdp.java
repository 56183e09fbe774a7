package dev.paramscope.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the DevTools protocol with the JDK's own WebSocket client: no
 * browser-automation dependency. Every wait is bounded; {@link #close} kills the browser.
 */
final class Cdp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process browser;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  final List<String> consoleErrors = new CopyOnWriteArrayList<>();

  /** The Chromium binary on this machine, or null. */
  static Path chromium() {
    for (String candidate : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return null;
  }

  Cdp(Path binary) throws Exception {
    // A second start when the first prints no DevTools URL in time: a headless Chromium now and
    // then hangs at start-up on a loaded CI machine, which is not what this test is about.
    Process started = null;
    Path dir = null;
    String browserUrl = null;
    for (int attempt = 1; browserUrl == null; attempt++) {
      dir = Files.createTempDirectory("paramscope-chromium");
      started = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--user-data-dir=" + dir, "--remote-debugging-port=0", "about:blank")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      try {
        browserUrl = readDevToolsUrl(started);
      } catch (TimeoutException e) {
        deleteTree(dir);
        if (attempt == 2) {
          throw e;
        }
        System.out.println("Chromium printed no DevTools URL within 30 s; starting it once more");
      }
    }
    profile = dir;
    browser = started;
    URI http = URI.create(browserUrl.replaceFirst("^ws://", "http://").replaceFirst("/devtools/.*$", "/json/list"));
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String pageUrl = null;
    for (int attempt = 0; attempt < 50 && pageUrl == null; attempt++) {
      JsonNode targets = JSON.readTree(client.send(HttpRequest.newBuilder(http).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      for (JsonNode target : targets) {
        if (target.path("type").asText().equals("page")) {
          pageUrl = target.path("webSocketDebuggerUrl").asText();
        }
      }
      if (pageUrl == null) {
        Thread.sleep(100);
      }
    }
    if (pageUrl == null) {
      throw new IllegalStateException("no page target in " + http);
    }
    socket = client.newWebSocketBuilder().buildAsync(URI.create(pageUrl), new Listener()).get(10, TimeUnit.SECONDS);
    send("Page.enable", null);
    send("Runtime.enable", null);
    send("Log.enable", null);
  }

  private static String readDevToolsUrl(Process browser) throws Exception {
    CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = err.readLine()) != null) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            String found = m.group(1);
            Thread drain = new Thread(() -> {
              try {
                while (err.readLine() != null) {
                  // keep the pipe empty
                }
              } catch (IOException ignored) {
                // the browser is gone
              }
            });
            drain.setDaemon(true);
            drain.start();
            return found;
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      throw new IllegalStateException("Chromium exited without a DevTools URL");
    });
    try {
      return url.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      browser.destroyForcibly();
      throw e;
    }
  }

  JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    JsonNode result = reply.get(30, TimeUnit.SECONDS);
    if (result.has("error")) {
      throw new IllegalStateException(method + ": " + result.get("error"));
    }
    return result.path("result");
  }

  /** Evaluates a JavaScript expression (awaiting promises) and returns its value. */
  JsonNode eval(String expression) throws Exception {
    ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
        .put("awaitPromise", true);
    JsonNode result = send("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("JavaScript failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  void viewport(int width, int height, boolean mobile) throws Exception {
    send("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
        .put("deviceScaleFactor", 1).put("mobile", mobile));
  }

  void navigate(String url) throws Exception {
    send("Page.navigate", JSON.createObjectNode().put("url", url));
  }

  /** Polls a JavaScript condition until it is true, for at most {@code seconds}. */
  void waitFor(String condition, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try {
        if (eval("!!(" + condition + ")").asBoolean()) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // the page is still loading (document.body may be null)
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("timed out waiting for " + condition);
  }

  byte[] screenshot() throws Exception {
    JsonNode shot = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
    return java.util.Base64.getDecoder().decode(shot.path("data").asText());
  }

  @Override
  public void close() {
    try {
      socket.abort();
    } catch (RuntimeException ignored) {
      // already closed
    }
    browser.destroyForcibly();
    try {
      browser.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(profile);
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        handle(buffer.toString());
        buffer.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    private void handle(String text) {
      try {
        JsonNode message = JSON.readTree(text);
        if (message.has("id")) {
          CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
          if (reply != null) {
            reply.complete(message);
          }
          return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        if (method.equals("Runtime.consoleAPICalled") && params.path("type").asText().equals("error")) {
          consoleErrors.add("console.error: " + params.path("args"));
        } else if (method.equals("Runtime.exceptionThrown")) {
          consoleErrors.add("exception: " + params.path("exceptionDetails"));
        } else if (method.equals("Log.entryAdded") && params.path("entry").path("level").asText().equals("error")) {
          consoleErrors.add("log: " + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText());
        }
      } catch (IOException e) {
        consoleErrors.add("unreadable DevTools message: " + e.getMessage());
      }
    }
  }
}
