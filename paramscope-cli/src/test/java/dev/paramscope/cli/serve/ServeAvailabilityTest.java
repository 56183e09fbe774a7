package dev.paramscope.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A hub whose answers stall after the headers and clients that send their request a byte at a
 * time (slowloris) must not freeze the server: a probe is still answered within 2 s, and the
 * stalled requests end at their deadline (504) or are turned away (503) instead of queueing.
 */
class ServeAvailabilityTest {
  private static final int SLOW_CLIENTS = 8;

  @Test
  void aStalledHubAndSlowClientsLeaveTheServerAnswering() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService hubThreads = Executors.newCachedThreadPool();
    HttpServer hub = stallingHub(release, hubThreads);
    List<Socket> slow = new ArrayList<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try (ApiServer server = new ApiServer("127.0.0.1", 0, List.of(),
        Map.of("HF_ENDPOINT", "http://127.0.0.1:" + hub.getAddress().getPort()), Duration.ofSeconds(3)).start()) {
      String base = "http://127.0.0.1:" + server.port();
      HttpRequest probe = HttpRequest.newBuilder(URI.create(base + "/api/count?source=llama-3.1-8b"))
          .timeout(Duration.ofSeconds(2)).build();
      // Once before the attack, untimed: the bound below is about waiting behind stalled work, not a cold start.
      assertThat(http.send(HttpRequest.newBuilder(probe.uri()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
      List<CompletableFuture<HttpResponse<String>>> remote = new ArrayList<>();
      for (int i = 0; i < ApiServer.REMOTE_INSPECTS + 2; i++) {
        remote.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/inspect?source=hf://org/model" + i))
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        Socket socket = new Socket("127.0.0.1", server.port());
        OutputStream out = socket.getOutputStream();
        out.write("GET /api/hardware HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(socket);
      }
      Thread.sleep(300); // let the remote reads reach the stalled hub
      assertThat(http.send(probe, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> f : remote) {
        statuses.add(f.get().statusCode());
      }
      // Two read the stalled hub until the 3 s deadline; the others find both remote slots taken.
      assertThat(statuses).containsOnly(503, 504).contains(503, 504);
      assertThat(statuses.stream().filter(s -> s == 504).count()).isLessThanOrEqualTo(ApiServer.REMOTE_INSPECTS);
    } finally {
      for (Socket s : slow) {
        s.close();
      }
      release.countDown();
      hub.stop(0);
      hubThreads.shutdownNow();
    }
  }

  /** Answers every request with 200, a large Content-Length, a few bytes, then nothing until released. */
  private static HttpServer stallingHub(CountDownLatch release, ExecutorService threads) throws Exception {
    HttpServer hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    hub.setExecutor(threads);
    hub.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 1_000_000);
      OutputStream out = exchange.getResponseBody();
      out.write("{\"".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    hub.start();
    return hub;
  }
}
