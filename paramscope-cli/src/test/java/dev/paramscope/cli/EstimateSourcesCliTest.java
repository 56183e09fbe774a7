package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.paramscope.catalog.Catalog;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The estimate commands read {@code org/name} from the Hugging Face cache and {@code hf://org/name}
 * from the hub (config.json alone), black-box in a child JVM against a loopback hub, since
 * {@code HF_ENDPOINT}, {@code HF_TOKEN} and {@code HF_HUB_CACHE} come from the environment.
 */
class EstimateSourcesCliTest {
  private static final String TOKEN = "hf_estimate_token_never_printed";
  private static final long LLAMA_31_8B = 8_030_261_248L;
  private static final List<String> REQUESTS = Collections.synchronizedList(new ArrayList<>());
  private static final List<String> AUTHORIZATIONS = Collections.synchronizedList(new ArrayList<>());

  @TempDir static Path cache;
  private static HttpServer hub;
  private static String config;

  private record Run(int exitCode, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    config = Catalog.builtIn().find("llama-3.1-8b").orElseThrow().config().orElseThrow().toString();
    // <cache>/models--meta-llama--Llama-3.1-8B/snapshots/<commit>/config.json with refs/main, as huggingface_hub writes.
    Path repo = cache.resolve("models--meta-llama--Llama-3.1-8B");
    String commit = "d04e592bb4f6aa9cfee91e2e20afa771667e1d4b";
    Files.createDirectories(repo.resolve("refs"));
    Files.writeString(repo.resolve("refs/main"), commit);
    Files.writeString(Files.createDirectories(repo.resolve("snapshots").resolve(commit)).resolve("config.json"), config);
    hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hub.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      REQUESTS.add(path);
      AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      byte[] body = path.equals("/meta-llama/Llama-3.1-8B/resolve/main/config.json")
          ? config.getBytes(StandardCharsets.UTF_8) : new byte[0];
      exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    hub.start();
  }

  @AfterAll
  static void stop() {
    hub.stop(0);
  }

  private static Run run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.paramscope.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("HF_ENDPOINT", "http://127.0.0.1:" + hub.getAddress().getPort());
    builder.environment().put("HF_TOKEN", TOKEN);
    builder.environment().put("HF_HUB_CACHE", cache.toString());
    Process p = builder.start();
    // A guard against a hang, not a measurement.
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command ended").isTrue();
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static JsonNode json(String... args) throws Exception {
    List<String> full = new ArrayList<>(List.of(args));
    full.addAll(List.of("--format", "json"));
    Run run = run(full.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return new ObjectMapper().readTree(run.out());
  }

  /** Each estimate command, from the cache and from the hub: Llama 3.1 8B's exact count or its bytes. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      count   |                               | total_params  | 8030261248
      size    |                               | total_params  | 8030261248
      memory  |                               | weights_bytes | 16060522496
      flops   |                               | flops_2n      | 16060522496
      speed   | --gpu h100                    | dtype         |
      train   | --tokens 1B                   | gpu           |
      plan    | --engine vllm --gpu h100      | fits          |
      fit     | --gpu h100                    | max_context   |
      """)
  void everyEstimateCommandReadsTheCacheAndTheHub(String command, String options, String key, Long value)
      throws Exception {
    for (String source : List.of("meta-llama/Llama-3.1-8B", "hf://meta-llama/Llama-3.1-8B")) {
      List<String> args = new ArrayList<>(List.of(command, source));
      if (options != null) {
        args.addAll(List.of(options.trim().split(" +")));
      }
      JsonNode out = json(args.toArray(String[]::new));
      assertThat(out.has(key)).as(command + " " + source + ": " + out).isTrue();
      assertThat(out.get("model").asText()).isIn(source, "meta-llama/Llama-3.1-8B");
      if (value != null) {
        assertThat(out.get(key).asLong()).as(command + " " + source).isEqualTo(value);
      }
    }
  }

  @Test
  void theHubIsAskedForConfigJsonAloneWithTheToken() throws Exception {
    REQUESTS.clear();
    AUTHORIZATIONS.clear();
    assertThat(json("count", "hf://meta-llama/Llama-3.1-8B").get("total_params").asLong()).isEqualTo(LLAMA_31_8B);
    assertThat(REQUESTS).containsExactly("/meta-llama/Llama-3.1-8B/resolve/main/config.json");
    assertThat(AUTHORIZATIONS).containsExactly("Bearer " + TOKEN);
  }

  @Test
  void theCacheIsReadWithoutTheNetwork() throws Exception {
    REQUESTS.clear();
    assertThat(json("count", "meta-llama/Llama-3.1-8B").get("total_params").asLong()).isEqualTo(LLAMA_31_8B);
    assertThat(REQUESTS).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      hf://meta-llama/Absent           | hf://meta-llama/Absent: the repo has no config.json
      hf://meta-llama/Llama-3.1-8B/model.safetensors | estimates read a config.json
      hf://../etc                      | expected hf://org/name
      someone/not-cached               | not a file, a catalog id, or a repo in the Hugging Face cache
      """)
  void badSourcesAreOneLine(String source, String message) throws Exception {
    Run run = run("memory", source);
    assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
    assertThat(run.err()).contains(message).doesNotContain(TOKEN).doesNotContain("\tat ");
    assertThat(run.err().strip().lines().count()).isEqualTo(1);
  }
}
