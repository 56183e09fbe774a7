package dev.paramscope.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a hostile web page or local client tries against {@code serve} (issue 20), on 127.0.0.1:0:
 * DNS rebinding (a foreign Host), cross-site requests, files outside {@code --allow} through links
 * and the Hugging Face cache; and the headers every answer carries.
 */
class ServeHardeningTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String SECRET = "\"model_type\": \"llama\", \"hidden_size\": 4096";

  @TempDir static Path tmp;
  private static Path allowed;
  private static Path outside;
  private static ApiServer server;
  private static int port;

  @BeforeAll
  static void start() throws IOException {
    allowed = Files.createDirectories(tmp.resolve("allowed"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("config.json"), "{" + SECRET + ", \"num_hidden_layers\": 2, "
        + "\"num_attention_heads\": 32, \"vocab_size\": 100, \"intermediate_size\": 128}");
    Files.writeString(allowed.resolve("own.json"), Files.readString(outside.resolve("config.json")));
    // A folder inside --allow whose config.json links out of it, and a link to a file outside.
    Path linkedModel = Files.createDirectories(allowed.resolve("linked-model"));
    Files.createSymbolicLink(linkedModel.resolve("config.json"), outside.resolve("config.json"));
    Files.createSymbolicLink(allowed.resolve("link.json"), outside.resolve("config.json"));
    Files.createSymbolicLink(allowed.resolve("inner-link.json"), allowed.resolve("own.json"));
    Files.createSymbolicLink(allowed.resolve("outside-folder"), outside);
    // A Hugging Face cache outside --allow, holding a real (tiny) checkpoint.
    Path cache = tmp.resolve("hf-cache");
    cachedRepo(cache, "org--tiny");
    server = new ApiServer("127.0.0.1", 0, List.of(allowed), Map.of("HF_HUB_CACHE", cache.toString()),
        Duration.ofSeconds(30)).start();
    port = server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** {@code <cache>/models--org--tiny/snapshots/<commit>/model.safetensors} with {@code refs/main}, as huggingface_hub writes. */
  static void cachedRepo(Path cache, String dirName) throws IOException {
    Path repo = cache.resolve("models--" + dirName);
    String commit = "0123456789abcdef0123456789abcdef01234567";
    Files.createDirectories(repo.resolve("refs"));
    Files.writeString(repo.resolve("refs/main"), commit);
    Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(commit));
    byte[] header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}".getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header);
    Files.write(snapshot.resolve("model.safetensors"), b.array());
  }

  private static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"attacker.example", "attacker.example:PORT", "127.0.0.1.attacker.example:PORT",
      "localhost:1", "127.0.0.1"})
  void aForeignHostIsRefused(String host) throws IOException {
    String answer = RawHttp.exchange(port, "GET /api/count?source=llama-3.1-8b HTTP/1.1", "Host: " + host.replace("PORT", "" + port));
    assertThat(RawHttp.status(answer)).as(answer).isEqualTo(403);
    assertThat(answer).doesNotContain("total_params");
    assertThat(RawHttp.status(RawHttp.exchange(port, "GET / HTTP/1.1", "Host: " + host.replace("PORT", "" + port))))
        .isEqualTo(403);
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"127.0.0.1:PORT", "localhost:PORT", "LOCALHOST:PORT", "[::1]:PORT"})
  void theServersOwnNamesAreServed(String host) throws IOException {
    String answer = RawHttp.exchange(port, "GET /api/count?source=llama-3.1-8b HTTP/1.1", "Host: " + host.replace("PORT", "" + port));
    assertThat(RawHttp.status(answer)).as(answer).isEqualTo(200);
  }

  @Test
  void crossSiteRequestsAreRefused() throws Exception {
    String config = Files.readString(allowed.resolve("own.json"));
    String host = "Host: 127.0.0.1:" + port;
    // A form post (text/plain or form-encoded needs no preflight) and a fetch from another origin.
    assertThat(RawHttp.status(post(host, "Content-Type: text/plain", config))).isEqualTo(415);
    assertThat(RawHttp.status(post(host, "Content-Type: application/x-www-form-urlencoded", config))).isEqualTo(415);
    assertThat(RawHttp.status(post(host, "Content-Type: application/json\r\nOrigin: http://attacker.example", config)))
        .isEqualTo(403);
    assertThat(RawHttp.status(post(host, "Content-Type: application/json\r\nOrigin: null", config))).isEqualTo(403);
    assertThat(RawHttp.status(RawHttp.exchange(port, "GET /api/count?source=llama-3.1-8b HTTP/1.1", host,
        "Origin: http://attacker.example"))).isEqualTo(403);
    // The page's own request: same origin, JSON.
    assertThat(RawHttp.status(post(host, "Content-Type: application/json\r\nOrigin: http://127.0.0.1:" + port, config)))
        .isEqualTo(200);
  }

  private static String post(String host, String headers, String body) throws IOException {
    return RawHttp.exchange(port, "POST /api/count HTTP/1.1", host, headers,
        "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/", "/app.js", "/api/count?source=llama-3.1-8b", "/api/nope", "/nope",
      "/api/count?source=@/etc/passwd"})
  void everyAnswerCarriesTheBrowserProtections(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(RequestGuard.CSP);
    assertThat(RequestGuard.CSP).contains("script-src 'self';").doesNotContain("unsafe-eval")
        .doesNotContain("script-src 'self' 'unsafe-inline'").contains("frame-ancestors 'none'");
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"linked-model", "link.json", "outside-folder", "outside-folder/config.json", "linked-model/config.json"})
  void linksOutOfAnAllowedFolderAreRefused(String name) throws Exception {
    for (String command : new String[] {"count", "inspect", "size"}) {
      HttpResponse<String> response = get("/api/" + command + "?source=" + allowed.resolve(name));
      assertThat(response.statusCode()).as(command + " " + name + ": " + response.body()).isEqualTo(403);
      assertThat(response.body()).doesNotContain("4096").contains("outside the folders");
    }
  }

  @Test
  void filesInsideTheAllowedFolderAreRead() throws Exception {
    assertThat(get("/api/count?source=" + allowed.resolve("own.json")).statusCode()).isEqualTo(200);
    assertThat(get("/api/count?source=" + allowed.resolve("inner-link.json")).statusCode()).isEqualTo(200);
  }

  @Test
  void theHuggingFaceCacheObeysAllow() throws Exception {
    HttpResponse<String> refused = get("/api/inspect?source=org/tiny");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(refused.body()).contains("outside the folders");
    // The same cache inside --allow is read.
    Path cache = Files.createDirectories(allowed.resolve("hf-cache"));
    cachedRepo(cache, "org--tiny");
    try (ApiServer inside = new ApiServer("127.0.0.1", 0, List.of(allowed), Map.of("HF_HUB_CACHE", cache.toString()),
        Duration.ofSeconds(30)).start()) {
      HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + inside.port() + "/api/inspect?source=org/tiny")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(read.body()).get("total_params").asLong()).isEqualTo(4);
    }
  }

  /** Estimates read a cached repo as inspect does, inside --allow only, and never the hub over the API. */
  @Test
  void estimatesReadTheCacheInsideAllowOnlyAndNeverTheHub() throws Exception {
    for (String command : new String[] {"count", "memory", "size", "flops"}) {
      HttpResponse<String> refused = get("/api/" + command + "?source=org/tiny");
      assertThat(refused.statusCode()).as(command + ": " + refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("outside the folders");
      HttpResponse<String> remote = get("/api/" + command + "?source=hf://org/tiny");
      assertThat(remote.statusCode()).as(command + ": " + remote.body()).isEqualTo(403);
      assertThat(remote.body()).contains("hf:// sources are for inspect");
    }
    Path cache = Files.createDirectories(allowed.resolve("hf-cache-estimates"));
    cachedRepo(cache, "org--tiny");
    Path snapshot = cache.resolve("models--org--tiny/snapshots/0123456789abcdef0123456789abcdef01234567");
    Files.writeString(snapshot.resolve("config.json"), Files.readString(allowed.resolve("own.json")));
    try (ApiServer inside = new ApiServer("127.0.0.1", 0, List.of(allowed), Map.of("HF_HUB_CACHE", cache.toString()),
        Duration.ofSeconds(30)).start()) {
      HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + inside.port() + "/api/count?source=org/tiny")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(read.body()).get("total_params").asLong())
          .isEqualTo(new ObjectMapper().readTree(get("/api/count?source=" + allowed.resolve("own.json")).body())
              .get("total_params").asLong());
    }
  }
}
