package dev.paramscope.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paramscope.cli.Main;
import dev.paramscope.testing.SharedTestData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The web API on 127.0.0.1:0, through java.net.http: every route equals the CLI's JSON. */
class ApiServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static ApiServer server;
  private static Path allowed;

  @BeforeAll
  static void start() throws IOException {
    allowed = SharedTestData.present("files") ? SharedTestData.location().resolve("files")
        : Files.createTempDirectory("paramscope-allowed");
    server = new ApiServer("127.0.0.1", 0, List.of(allowed)).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(new StringWriter()));
    assertThat(code).isZero();
    return out.toString();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      /api/count?source=llama-3.1-8b                                  | count llama-3.1-8b
      /api/size?source=gpt-4o                                         | size gpt-4o
      /api/catalog?filter=qwen                                        | catalog --filter qwen
      /api/compare?source=gpt-4o&source=gpt-4o-mini&source=claude-3.5-sonnet | compare gpt-4o gpt-4o-mini claude-3.5-sonnet
      /api/memory?source=gemma-2-9b&context=8192&gpu=h100             | memory gemma-2-9b --context 8192 --gpu h100
      /api/train?source=llama-3.1-8b&tokens=2T&gpu=h100x64&mfu=0.45   | train llama-3.1-8b --tokens 2T --gpu h100x64 --mfu 0.45
      /api/flops?source=deepseek-v3&context=8192                      | flops deepseek-v3 --context 8192
      /api/speed?source=mixtral-8x7b&gpu=a100-80gb-sxm&batch=8        | speed mixtral-8x7b --gpu a100-80gb-sxm --batch 8
      /api/scale?compute=1e24                                         | scale --compute 1e24
      /api/fit?source=llama-3.1-70b&gpu=h100x2                        | fit llama-3.1-70b --gpu h100x2
      /api/hardware                                                   | hardware
      /api/memory?source=llama-3.1-8b&explain=true                    | memory llama-3.1-8b --explain
      /api/plan?source=llama-3.1-8b&engine=vllm&gpu=rtx-4090x2&context=32768 | plan llama-3.1-8b --engine vllm --gpu rtx-4090x2 --context 32768
      /api/plan?source=qwen3-30b-a3b&engine=llama.cpp&gpu=rtx-4090&n-gpu-layers=30&flash-attn=true | plan qwen3-30b-a3b --engine llama.cpp --gpu rtx-4090 --n-gpu-layers 30 --flash-attn
      /api/forensics?source=gpt-4o&tokens-per-second=120              | forensics gpt-4o --tokens-per-second 120
      """)
  void everyRouteEqualsTheCliJson(String route, String args) throws Exception {
    HttpResponse<String> response = get(route.replace(" ", ""));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    List<String> full = new ArrayList<>(List.of(args.trim().split(" +")));
    full.add("--format");
    full.add("json");
    assertThat(response.body()).isEqualTo(cli(full.toArray(new String[0])));
  }

  @Test
  void inspectOfAnAllowedFileEqualsTheCli() throws Exception {
    Path file = SharedTestData.require("files/gguf/llama-2-tiny-random.gguf");
    HttpResponse<String> response = get("/api/inspect?source=" + file);
    assertThat(response.statusCode()).isEqualTo(200);
    // The API reads (and names) the real path it checked against --allow.
    assertThat(response.body()).isEqualTo(cli("inspect", file.toRealPath().toString(), "--format", "json"));
  }

  @Test
  void postedConfigsAreCounted() throws Exception {
    String config = """
        {"model_type": "llama", "hidden_size": 64, "intermediate_size": 128, "num_attention_heads": 4,
         "num_hidden_layers": 2, "vocab_size": 100}""";
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/api/count")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(config))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("total_params").asLong())
        .isEqualTo(6400 + 2 * (16384 + 24576 + 128) + 64 + 6400);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      /api/frobnicate                          | 404 | unknown command
      /api/count                               | 400 | missing parameter: source
      /api/count?source=llama-3.1-8b&rm=rf     | 400 | unknown parameter 'rm'
      /api/count?source=/etc/passwd            | 403 | path outside the folders
      /api/count?source=../../../../etc/hosts  | 403 | path outside the folders
      /api/count?source=no-such-model          | 400 | not a catalog id
      /api/memory?source=gpt-4o                | 400 | no architecture known
      /api/train?source=llama-3.1-8b&tokens=-1 | 400 | may not start with '@' or '-'
      /api/catalog?filter=@/etc/passwd         | 400 | may not start with '@' or '-'
      /api/count?source=--help                 | 400 | may not start with '@' or '-'
      /api/count?source=@/proc/self/environ    | 400 | may not start with '@' or '-'
      /api/memory?source=llama-3.1-8b&gpu=@x   | 400 | may not start with '@' or '-'
      /api/count?source=llama-3.1-8b&lang=@x   | 400 | may not start with '@' or '-'
      /api/train?source=llama-3.1-8b&tokens=1e309 | 400 | Invalid value for option '--tokens'
      /api/memory?source=llama-3.1-8b&context=1%2C000 | 400 | Invalid value for option '--context': '1,000' is not a count
      /api/inspect?source=hf://org/name&lang=xx | 400 | Invalid value for option '--lang'
      /api/catalog?source=gpt-4o               | 400 | takes no source
      /api/plan?engine=vllm                    | 400 | missing parameter: source
      /api/plan?source=llama-3.1-8b&engine=vllm&draft=/etc/passwd | 400 | unknown parameter 'draft'
      /api/forensics?source=gpt-4o&logits=/etc/passwd | 400 | unknown parameter 'logits'
      /nope                                    | 404 | not found
      """)
  void badRequestsGetJsonErrors(String route, int status, String message) throws Exception {
    HttpResponse<String> response = get(route);
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(JSON.readTree(response.body()).get("error").asText()).contains(message);
  }

  @Test
  void limitsOnQueriesAndBodies() throws Exception {
    assertThat(get("/api/count?source=" + "a".repeat(9000)).statusCode()).isEqualTo(414);
    HttpResponse<String> big = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/count"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[ApiServer.MAX_BODY_BYTES + 10])).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(big.statusCode()).isEqualTo(413);
  }

  @Test
  void bindsToLoopbackAndServesThePage() throws Exception {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<script src=\"/vendor/echarts.min.js\"></script>");
    assertThat(get("/vendor/echarts.min.js").body()).contains("echarts");
    JsonNode commands = JSON.readTree(get("/api/commands").body()).get("commands");
    assertThat(commands.toString()).contains("count", "memory", "train", "inspect");
  }

  @Test
  void twoHundredParallelRequestsAreAllAnswered() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    String[] routes = {"/api/count?source=llama-3.1-8b", "/api/size?source=gpt-4o", "/api/hardware",
        "/api/memory?source=qwen3-8b&context=16384"};
    for (int i = 0; i < 200; i++) {
      futures.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + routes[i % 4]))
          .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> f : futures) {
      assertThat(f.get().statusCode()).isEqualTo(200);
    }
  }
}
