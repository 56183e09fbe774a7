package dev.paramscope.bench;

import dev.paramscope.precision.GgmlType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the benchmark inputs: a GGUF with a 150k-token vocabulary and Llama-3-8B's tensor table,
 * a sparse Llama-3.1-405B-shaped sharded safetensors set (headers, then {@code truncate}: about
 * 811 GB apparent, a few MB on disk), and a 1 MB safetensors file. Tensor data is never written,
 * except for the 1 MB file, which is real.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.paramscope.bench.BenchFixtures DIR}
 */
public final class BenchFixtures {
  private BenchFixtures() {}

  public static final String VOCAB_GGUF = "vocab150k-llama3-8b.gguf";
  public static final String SPARSE_SET = "sparse-405b";
  public static final String SMALL_FILE = "small-1mb.safetensors";

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-fixtures");
    Files.createDirectories(dir);
    writeVocabGguf(dir.resolve(VOCAB_GGUF));
    writeSparseSafetensors(dir.resolve(SPARSE_SET));
    writeSmallSafetensors(dir.resolve(SMALL_FILE));
    System.out.println("fixtures in " + dir.toAbsolutePath());
  }

  // ---- GGUF v3 (spec: ggml docs/gguf.md) ----

  /** Llama-3-8B's GGUF tensor table (Q4_K weights, Q6_K output, F32 norms) and a 150,000-token vocabulary. */
  static void writeVocabGguf(Path path) throws IOException {
    int vocab = 150_000;
    ByteArrayOutputStream kv = new ByteArrayOutputStream();
    int kvCount = 0;
    kvCount += kvString(kv, "general.architecture", "llama");
    kvCount += kvString(kv, "general.name", "bench vocab150k llama3-8b");
    kvCount += kvU32(kv, "llama.block_count", 32);
    kvCount += kvU32(kv, "llama.context_length", 8192);
    kvCount += kvU32(kv, "llama.embedding_length", 4096);
    kvCount += kvU32(kv, "llama.feed_forward_length", 14336);
    kvCount += kvU32(kv, "llama.attention.head_count", 32);
    kvCount += kvU32(kv, "llama.attention.head_count_kv", 8);
    kvCount += kvU32(kv, "general.file_type", 15);
    kvCount += kvString(kv, "tokenizer.ggml.model", "gpt2");
    List<String> tokens = new ArrayList<>(vocab);
    for (int i = 0; i < vocab; i++) {
      tokens.add(token(i));
    }
    kvCount += kvStringArray(kv, "tokenizer.ggml.tokens", tokens);
    List<String> merges = new ArrayList<>(vocab - 256);
    for (int i = 256; i < vocab; i++) {
      merges.add(token(i / 3) + " " + token(i % 977));
    }
    kvCount += kvStringArray(kv, "tokenizer.ggml.merges", merges);
    kvCount += kvI32Array(kv, "tokenizer.ggml.token_type", vocab);
    kvCount += kvU32(kv, "tokenizer.ggml.bos_token_id", 128000);
    kvCount += kvU32(kv, "tokenizer.ggml.eos_token_id", 128001);

    Map<String, Object[]> tensors = new LinkedHashMap<>();
    tensors.put("token_embd.weight", new Object[] {GgmlType.Q4_K, new long[] {4096, 128256}});
    for (int l = 0; l < 32; l++) {
      String b = "blk." + l + ".";
      tensors.put(b + "attn_norm.weight", new Object[] {GgmlType.F32, new long[] {4096}});
      tensors.put(b + "attn_q.weight", new Object[] {GgmlType.Q4_K, new long[] {4096, 4096}});
      tensors.put(b + "attn_k.weight", new Object[] {GgmlType.Q4_K, new long[] {4096, 1024}});
      tensors.put(b + "attn_v.weight", new Object[] {GgmlType.Q6_K, new long[] {4096, 1024}});
      tensors.put(b + "attn_output.weight", new Object[] {GgmlType.Q4_K, new long[] {4096, 4096}});
      tensors.put(b + "ffn_norm.weight", new Object[] {GgmlType.F32, new long[] {4096}});
      tensors.put(b + "ffn_gate.weight", new Object[] {GgmlType.Q4_K, new long[] {4096, 14336}});
      tensors.put(b + "ffn_up.weight", new Object[] {GgmlType.Q4_K, new long[] {4096, 14336}});
      tensors.put(b + "ffn_down.weight", new Object[] {GgmlType.Q6_K, new long[] {14336, 4096}});
    }
    tensors.put("output_norm.weight", new Object[] {GgmlType.F32, new long[] {4096}});
    tensors.put("output.weight", new Object[] {GgmlType.Q6_K, new long[] {4096, 128256}});

    ByteArrayOutputStream infos = new ByteArrayOutputStream();
    long offset = 0;
    for (Map.Entry<String, Object[]> t : tensors.entrySet()) {
      GgmlType type = (GgmlType) t.getValue()[0];
      long[] dims = (long[]) t.getValue()[1];
      string(infos, t.getKey());
      u32(infos, dims.length);
      long elements = 1;
      for (long d : dims) {
        u64(infos, d);
        elements *= d;
      }
      u32(infos, type.id());
      u64(infos, offset);
      offset = align(offset + type.bytesFor(elements), 32);
    }
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    u32(header, 3);
    u64(header, tensors.size());
    u64(header, kvCount);
    kv.writeTo(header);
    infos.writeTo(header);
    long dataStart = align(header.size(), 32);
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      file.setLength(0);
      file.write(header.toByteArray());
      file.setLength(dataStart + offset);
    }
  }

  private static String token(int i) {
    // Byte-level BPE-like tokens of realistic length (3 to 12 characters).
    StringBuilder s = new StringBuilder(i % 2 == 0 ? "Ġ" : "");
    int x = i;
    do {
      s.append((char) ('a' + x % 26));
      x /= 26;
    } while (x > 0);
    while (s.length() < 3 + i % 10) {
      s.append((char) ('a' + (i * 7 + s.length()) % 26));
    }
    return s.toString();
  }

  private static long align(long value, long alignment) {
    return (value + alignment - 1) / alignment * alignment;
  }

  private static int kvString(ByteArrayOutputStream out, String key, String value) {
    string(out, key);
    u32(out, 8);
    string(out, value);
    return 1;
  }

  private static int kvU32(ByteArrayOutputStream out, String key, long value) {
    string(out, key);
    u32(out, 4);
    u32(out, value);
    return 1;
  }

  private static int kvStringArray(ByteArrayOutputStream out, String key, List<String> values) {
    string(out, key);
    u32(out, 9);
    u32(out, 8);
    u64(out, values.size());
    for (String v : values) {
      string(out, v);
    }
    return 1;
  }

  private static int kvI32Array(ByteArrayOutputStream out, String key, int count) {
    string(out, key);
    u32(out, 9);
    u32(out, 5);
    u64(out, count);
    for (int i = 0; i < count; i++) {
      u32(out, i < 256 ? 6 : 1);
    }
    return 1;
  }

  private static void string(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    u64(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void u32(ByteArrayOutputStream out, long value) {
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
  }

  private static void u64(ByteArrayOutputStream out, long value) {
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
  }

  // ---- safetensors (spec: huggingface/safetensors README, "Format") ----

  /**
   * Llama-3.1-405B's shapes (vocab 128256, hidden 16384, 126 layers, intermediate 53248, 128
   * heads, 8 KV heads of 128) in BF16, one shard per layer plus embedding and head shards, with
   * {@code model.safetensors.index.json}: 405,853,388,800 parameters, 811.7 GB apparent.
   */
  static void writeSparseSafetensors(Path dir) throws IOException {
    Files.createDirectories(dir);
    int layers = 126;
    long h = 16384;
    long kv = 8 * 128;
    long ff = 53248;
    long vocab = 128256;
    int shards = layers + 2;
    Map<String, String> weightMap = new LinkedHashMap<>();
    long totalBytes = 0;
    for (int s = 0; s < shards; s++) {
      Map<String, long[]> tensors = new LinkedHashMap<>();
      if (s == 0) {
        tensors.put("model.embed_tokens.weight", new long[] {vocab, h});
      } else if (s == shards - 1) {
        tensors.put("model.norm.weight", new long[] {h});
        tensors.put("lm_head.weight", new long[] {vocab, h});
      } else {
        String p = "model.layers." + (s - 1) + ".";
        tensors.put(p + "input_layernorm.weight", new long[] {h});
        tensors.put(p + "self_attn.q_proj.weight", new long[] {h, h});
        tensors.put(p + "self_attn.k_proj.weight", new long[] {kv, h});
        tensors.put(p + "self_attn.v_proj.weight", new long[] {kv, h});
        tensors.put(p + "self_attn.o_proj.weight", new long[] {h, h});
        tensors.put(p + "post_attention_layernorm.weight", new long[] {h});
        tensors.put(p + "mlp.gate_proj.weight", new long[] {ff, h});
        tensors.put(p + "mlp.up_proj.weight", new long[] {ff, h});
        tensors.put(p + "mlp.down_proj.weight", new long[] {h, ff});
      }
      String name = String.format(Locale.ROOT, "model-%05d-of-%05d.safetensors", s + 1, shards);
      totalBytes += writeSafetensorsHeaderOnly(dir.resolve(name), tensors);
      for (String tensor : tensors.keySet()) {
        weightMap.put(tensor, name);
      }
    }
    StringBuilder index = new StringBuilder("{\"metadata\": {\"total_size\": " + totalBytes + "}, \"weight_map\": {");
    boolean first = true;
    for (Map.Entry<String, String> e : weightMap.entrySet()) {
      index.append(first ? "" : ", ").append('"').append(e.getKey()).append("\": \"").append(e.getValue()).append('"');
      first = false;
    }
    index.append("}}\n");
    Files.writeString(dir.resolve("model.safetensors.index.json"), index.toString());
  }

  /** Writes the header of a BF16 safetensors file and extends it to its full (sparse) size. */
  private static long writeSafetensorsHeaderOnly(Path path, Map<String, long[]> tensors) throws IOException {
    StringBuilder json = new StringBuilder("{\"__metadata__\": {\"format\": \"pt\"}");
    long offset = 0;
    for (Map.Entry<String, long[]> t : tensors.entrySet()) {
      long elements = 1;
      StringBuilder shape = new StringBuilder();
      for (long d : t.getValue()) {
        elements *= d;
        shape.append(shape.length() == 0 ? "" : ", ").append(d);
      }
      long end = offset + elements * 2;
      json.append(", \"").append(t.getKey()).append("\": {\"dtype\": \"BF16\", \"shape\": [").append(shape)
          .append("], \"data_offsets\": [").append(offset).append(", ").append(end).append("]}");
      offset = end;
    }
    json.append('}');
    while ((json.length() + 8) % 8 != 0) {
      json.append(' ');
    }
    byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      file.setLength(0);
      file.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
      file.write(header);
      file.setLength(8L + header.length + offset);
    }
    return offset;
  }

  /** A real 1 MB safetensors file: four F32 [256, 256] tensors, zeros. */
  static void writeSmallSafetensors(Path path) throws IOException {
    Map<String, long[]> tensors = new LinkedHashMap<>();
    for (int i = 0; i < 4; i++) {
      tensors.put("layer." + i + ".weight", new long[] {256, 256});
    }
    StringBuilder json = new StringBuilder("{");
    long offset = 0;
    for (Map.Entry<String, long[]> t : tensors.entrySet()) {
      long end = offset + 256L * 256 * 4;
      json.append(offset == 0 ? "" : ", ").append('"').append(t.getKey())
          .append("\": {\"dtype\": \"F32\", \"shape\": [256, 256], \"data_offsets\": [")
          .append(offset).append(", ").append(end).append("]}");
      offset = end;
    }
    json.append('}');
    byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      file.setLength(0);
      file.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
      file.write(header);
      file.write(new byte[(int) offset]);
    }
  }
}
