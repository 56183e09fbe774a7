package dev.paramscope.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paramscope.query.InspectQuery;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The class-data-sharing training run (the build runs the jar once with
 * {@code -Dparamscope.cds.training=true -XX:DumpLoadedClassList=...}): it runs the common commands,
 * including {@code inspect} of a tiny GGUF and safetensors file it writes and of an {@code hf://}
 * repo served on loopback, so the archive holds the classes every command loads, not only the seed
 * comparison's: a remote inspect then maps java.net.http and the TLS classes its client sets up
 * (even for http://) from the archive instead of loading a thousand classes from the JDK image.
 */
final class CdsTraining {
  private CdsTraining() {}

  static void run() throws IOException {
    Path dir = Files.createTempDirectory("paramscope-cds");
    try {
      Path gguf = dir.resolve("tiny.gguf");
      Files.write(gguf, tinyGguf());
      Path safetensors = dir.resolve("tiny.safetensors");
      Files.write(safetensors, tinySafetensors("w"));
      // A sharded checkpoint: two shards and their index, as transformers writes them.
      Path sharded = Files.createDirectory(dir.resolve("sharded"));
      Files.write(sharded.resolve("model-00001-of-00002.safetensors"), tinySafetensors("w"));
      Files.write(sharded.resolve("model-00002-of-00002.safetensors"), tinySafetensors("v"));
      Files.writeString(sharded.resolve("model.safetensors.index.json"), "{\"metadata\": {\"total_size\": 32}, "
          + "\"weight_map\": {\"w\": \"model-00001-of-00002.safetensors\", "
          + "\"v\": \"model-00002-of-00002.safetensors\"}}");
      String[][] workloads = {
          {"--lang", "en"}, {"--lang", "zh"}, {"count", "llama-3.1-8b"}, {"count", "deepseek-v3", "--format", "json"},
          {"size", "gpt-4o"}, {"catalog", "--format", "csv"}, {"compare", "gpt-4o", "llama-3.1-8b"},
          {"inspect", gguf.toString()}, {"inspect", safetensors.toString(), "--format", "json"},
          {"inspect", sharded.toString(), "--format", "json"},
          {"memory", "llama-3.1-8b", "--gpu", "h100"}, {"flops", "qwen3-30b-a3b"},
          {"train", "llama-3.1-8b", "--tokens", "1B"}, {"scale", "--compute", "1e24"}, {"count", "--help"}};
      PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
      for (String[] args : workloads) {
        Main.run(args, sink, sink);
      }
      try {
        remoteInspect(tinySafetensors("w"));
      } catch (IOException | RuntimeException e) {
        System.err.println("paramscope: CDS training: the remote inspect was skipped (" + e + ")");
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * {@code inspect hf://org/tiny} against a loopback Hub: the file listing, config.json, and the
   * shard through a redirect and a Range read, as the Hugging Face Hub answers them.
   */
  private static void remoteInspect(byte[] shard) throws IOException {
    HttpServer hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] listing = "{\"siblings\":[{\"rfilename\":\"config.json\"},{\"rfilename\":\"model.safetensors\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] config = ("{\"model_type\":\"llama\",\"hidden_size\":2,\"intermediate_size\":2,\"num_hidden_layers\":1,"
        + "\"num_attention_heads\":1,\"vocab_size\":2}").getBytes(StandardCharsets.UTF_8);
    hub.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      try (exchange) {
        if (path.startsWith("/api/models/")) {
          reply(exchange, 200, listing);
        } else if (path.endsWith("/config.json")) {
          reply(exchange, 200, config);
        } else if (path.startsWith("/org/tiny/resolve/")) {
          exchange.getResponseHeaders().add("Location", "/cdn/model.safetensors");
          reply(exchange, 302, new byte[0]);
        } else if (path.equals("/cdn/model.safetensors")) {
          exchange.getResponseHeaders().add("Content-Range", "bytes 0-" + (shard.length - 1) + "/" + shard.length);
          reply(exchange, 206, shard);
        } else {
          reply(exchange, 404, new byte[0]);
        }
      }
    });
    hub.start();
    try {
      String endpoint = "http://127.0.0.1:" + hub.getAddress().getPort();
      InspectQuery.inspect("hf://org/tiny", false, Map.of("HF_ENDPOINT", endpoint));
    } finally {
      hub.stop(0);
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  /** GGUF v3 (ggml docs/gguf.md): a string key, a string array, one 32-element F32 tensor, 32-byte alignment. */
  private static byte[] tinyGguf() {
    ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    b.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(1).putLong(2);
    string(b, "general.architecture");
    b.putInt(8);
    string(b, "llama");
    string(b, "tokenizer.ggml.tokens"); // a string array, as every vocabulary is
    b.putInt(9).putInt(8).putLong(3);
    string(b, "<s>");
    string(b, "</s>");
    string(b, "a");
    string(b, "w");
    b.putInt(1).putLong(32).putInt(0).putLong(0);
    int data = (b.position() + 31) / 32 * 32;
    byte[] out = new byte[data + 32 * 4];
    System.arraycopy(b.array(), 0, out, 0, b.position());
    return out;
  }

  private static void string(ByteBuffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.putLong(bytes.length).put(bytes);
  }

  /** safetensors: an 8-byte header length, the JSON header, then 16 bytes of one F32 tensor. */
  private static byte[] tinySafetensors(String tensor) {
    byte[] header = ("{\"" + tensor + "\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}")
        .getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header);
    return b.array();
  }
}
