package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the CLI does before it exits: an HTTP client's selector thread, which waits in epoll and so
 * holds the JVM's exit for up to 300 ms, is ended (Main.endHttpSelectors).
 */
class ExitTest {
  @Test
  void theHttpClientsSelectorThreadEndsBeforeExit() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(),
          HttpResponse.BodyHandlers.discarding());
      assertThat(response.statusCode()).isEqualTo(204);
      List<Thread> selectors = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> !before.contains(t) && t.getName().endsWith("-SelectorManager")).toList();
      assertThat(selectors).as("the client's selector thread").hasSize(1);

      Main.endHttpSelectors();

      selectors.get(0).join(5_000);
      assertThat(selectors.get(0).isAlive()).isFalse();
    } finally {
      server.stop(0);
    }
  }
}
