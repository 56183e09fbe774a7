package dev.paramscope.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The page's files, from the classpath only (never the file system): {@code /} is the page,
 * {@code /vendor/echarts.min.js} comes from the Maven Central webjar {@code org.webjars.npm:echarts}.
 */
final class StaticFiles implements HttpHandler {
  private static final String WEB = "/dev/paramscope/cli/serve/web/";
  private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private static final Map<String, String[]> FILES = Map.of(
      "/", new String[] {WEB + "index.html", "text/html; charset=utf-8"},
      "/index.html", new String[] {WEB + "index.html", "text/html; charset=utf-8"},
      "/app.js", new String[] {WEB + "app.js", "text/javascript; charset=utf-8"},
      "/app.css", new String[] {WEB + "app.css", "text/css; charset=utf-8"},
      "/i18n.js", new String[] {WEB + "i18n.js", "text/javascript; charset=utf-8"},
      "/vendor/echarts.min.js", new String[] {ECHARTS, "text/javascript; charset=utf-8"});

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (exchange.getRequestURI().getPath().equals("/favicon.ico")) {
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      String[] file = FILES.get(exchange.getRequestURI().getPath());
      if (file == null || !exchange.getRequestMethod().equals("GET")) {
        ApiServer.error(exchange, 404, "not found");
        return;
      }
      try (InputStream in = StaticFiles.class.getResourceAsStream(file[0])) {
        if (in == null) {
          ApiServer.error(exchange, 500, "missing resource " + file[0]);
          return;
        }
        byte[] bytes = in.readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", file[1]);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }
}
