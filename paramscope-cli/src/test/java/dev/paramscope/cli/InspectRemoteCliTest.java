package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code paramscope inspect hf://…} black-box against loopback hubs, in a child JVM since
 * {@code HF_ENDPOINT} and {@code HF_TOKEN} come from the environment.
 */
class InspectRemoteCliTest {
  private static final String TOKEN = "hf_cli_token_never_printed";

  /** Exit code, stderr and stdout of {@code paramscope ARGS} run with HF_ENDPOINT and HF_TOKEN. */
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String endpoint, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.paramscope.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("HF_ENDPOINT", endpoint);
    builder.environment().put("HF_TOKEN", TOKEN);
    Process p = builder.start();
    // A guard against a hang, not a measurement: the runs below end in about a second.
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command ended").isTrue();
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void aHubThatAcceptsAndNeverAnswersFailsWithOneLineWithinTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept()); // accepted, never read from or written to
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      long start = System.nanoTime();
      Run run = run("http://127.0.0.1:" + silent.getLocalPort(), "inspect", "hf://org/name", "--timeout", "1");
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.err()).contains("no answer within 1 s (--timeout)").doesNotContain(TOKEN).doesNotContain("\tat ");
      assertThat(run.err().strip().lines().count()).isEqualTo(1);
      // One 1-second timeout (a timeout is not retried), plus a JVM's start: far below the 30 s default.
      assertThat(seconds).isLessThan(20);
    }
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource(delimiter = '|', value = {
      "401|| authentication required (HTTP 401): the repo is private, gated or absent; set HF_TOKEN",
      "403|GatedRepo| access denied (HTTP 403): the repo is gated; accept its terms on the Hub, then set HF_TOKEN",
      "404|| not found (HTTP 404): check the repo id, revision and file name"})
  void refusalsAreOneClearLine(int status, String errorCode, String message) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      if (errorCode != null) {
        exchange.getResponseHeaders().add("X-Error-Code", errorCode);
      }
      byte[] body = "{\"error\": \"no\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      Run run = run("http://127.0.0.1:" + server.getAddress().getPort(), "inspect", "hf://org/name");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).startsWith("paramscope: http://127.0.0.1:" + server.getAddress().getPort()
          + "/api/models/org/name/revision/main:").contains(message.strip()).doesNotContain(TOKEN);
      assertThat(run.err().strip().lines().count()).isEqualTo(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aRemoteReadReportsItsCostAndDrawsNoProgressWhenStderrIsNotATerminal() throws Exception {
    byte[] file = new dev.paramscope.weights.safetensors.SafetensorsFixtureWriter()
        .tensor("w", dev.paramscope.weights.safetensors.SafetensorsDtype.F32, 64, 32).bytes();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body;
      int status = 200;
      if (path.equals("/api/models/org/one/revision/main")) {
        body = "{\"siblings\": [{\"rfilename\": \"model.safetensors\"}]}".getBytes(StandardCharsets.UTF_8);
      } else if (path.equals("/org/one/resolve/main/model.safetensors")) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes=(\\d+)-(\\d+)")
            .matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Range")));
        int first = m.matches() ? Integer.parseInt(m.group(1)) : 0;
        int last = m.matches() ? Math.min(Integer.parseInt(m.group(2)), file.length - 1) : file.length - 1;
        body = java.util.Arrays.copyOfRange(file, first, last + 1);
        exchange.getResponseHeaders().add("Content-Range", "bytes " + first + "-" + last + "/" + file.length);
        status = 206;
      } else {
        body = new byte[0];
        status = 404;
      }
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      Run run = run("http://127.0.0.1:" + server.getAddress().getPort(), "inspect", "hf://org/one", "--format", "json",
          "--connections", "2", "--timeout", "5");
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).isEmpty();
      com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
      assertThat(json.get("total_params").asLong()).isEqualTo(64 * 32);
      // The listing, the index and config.json (both 404: absent) and one Range read of the only file.
      assertThat(json.get("requests").asLong()).isEqualTo(4);
      // A file smaller than the first read (64 KiB) comes whole in that one read.
      assertThat(json.get("bytes_fetched").asLong()).isGreaterThanOrEqualTo(file.length);
      assertThat(json.get("seconds").asDouble()).isPositive();
    } finally {
      server.stop(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"--connections 0, --connections must be 1..256", "--timeout 1e9, is not a number of seconds",
      "--timeout 0, is outside 0.001-3600 s", "--timeout -1, --timeout"})
  void badRemoteOptionsAreRefused(String option, String message) throws Exception {
    String[] parts = option.split(" ");
    CliRun run = CliRun.of("inspect", "hf://org/name", parts[0], parts[1]);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(message);
  }
}
