package dev.paramscope.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.config.ConfigReader;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.precision.GgmlType;
import dev.paramscope.query.ModelSource;
import dev.paramscope.testing.SharedTestData;
import dev.paramscope.weights.gguf.GgufReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * llama.cpp's per-tensor type choice ({@code llama_tensor_get_type}, src/llama-quant.cpp at
 * ggml-org/llama.cpp 8784689f) on a small llama worked by hand, and its special cases on real
 * shapes: the 70B attn_v lift, 8-expert models, fused qkv, row lengths no block divides.
 */
class LlamaCppMixTest {
  /** 8 layers, hidden 512, 8 query and 2 KV heads of 64 (n_gqa 4), FFN 1024, vocab 1024, untied. */
  private static final String SMALL_LLAMA = """
      {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "vocab_size": 1024,
       "hidden_size": 512, "intermediate_size": 1024, "num_hidden_layers": 8,
       "num_attention_heads": 8, "num_key_value_heads": 2, "max_position_embeddings": 2048,
       "rms_norm_eps": 1e-5, "tie_word_embeddings": false, "torch_dtype": "bfloat16"}
      """;

  private static ModelArchitecture small() {
    return ConfigReader.parse(SMALL_LLAMA, "small-llama", null);
  }

  private static List<GgmlType> types(LlamaCppMix mix, ModelArchitecture arch, String category) {
    return mix.assign(arch, ParameterCounter.count(arch)).stream()
        .filter(a -> a.category().equals(category)).map(LlamaCppMix.Assigned::type).toList();
  }

  private static List<GgmlType> types(LlamaCppMix mix, String id, String category) {
    return types(mix, ModelSource.resolve(id, null).architecture().orElseThrow(), category);
  }

  @Test
  void useMoreBitsPicksTheFirstAndLastEighthAndEveryThirdBetween() {
    // n = 8: i < 1, i >= 7, (i - 1) % 3 == 2 -> layers 0, 3, 6, 7
    assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7).stream().filter(i -> LlamaCppMix.useMoreBits(i, 8)).toList())
        .containsExactly(0, 3, 6, 7);
  }

  @Test
  void q4KmUpgradesValueAndDownInUseMoreBitsLayers() {
    ModelArchitecture a = small();
    List<GgmlType> q6 = List.of(GgmlType.Q6_K, GgmlType.Q4_K, GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.Q4_K,
        GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.Q6_K);
    assertThat(types(LlamaCppMix.Q4_K_M, a, "attn_v")).isEqualTo(q6);
    assertThat(types(LlamaCppMix.Q4_K_M, a, "ffn_down")).isEqualTo(q6);
    assertThat(types(LlamaCppMix.Q4_K_M, a, "attn_q")).containsOnly(GgmlType.Q4_K);
    assertThat(types(LlamaCppMix.Q4_K_M, a, "output")).containsExactly(GgmlType.Q6_K);
    assertThat(types(LlamaCppMix.Q4_K_M, a, "token_embd")).containsExactly(GgmlType.Q4_K);
    assertThat(types(LlamaCppMix.Q4_K_M, a, "f32")).containsExactly(GgmlType.F32);
  }

  /**
   * Worked by hand, bytes per 256 weights: Q4_K 144, Q6_K 210. Per layer q and o 1024 blocks, k and
   * v 256, gate, up and down 2048: 921,600 bytes of q, k, o, gate and up; v 53,760 (Q6_K) or
   * 36,864; down 430,080 or 294,912, Q6_K in layers 0, 3, 6, 7. Embedding 294,912, output (Q6_K)
   * 430,080, 8,704 norm weights in F32 34,816. Total 11,395,072.
   */
  @Test
  void q4KmBytesOfTheSmallModelWorkedByHand() {
    ModelArchitecture a = small();
    long layers = 8 * 921_600L + 4 * 53_760L + 4 * 36_864L + 4 * 430_080L + 4 * 294_912L;
    assertThat(LlamaCppMix.Q4_K_M.bytes(a, ParameterCounter.count(a)))
        .isEqualTo(layers + 294_912 + 430_080 + 34_816)
        .isEqualTo(11_395_072L);
  }

  /**
   * The shared tiny Llama (2 layers, hidden 256) quantized by llama.cpp's own {@code llama-quantize
   * Q4_K_M} (Debian llama.cpp 0.7.0): every tensor's type in the file is the type the mix assigns,
   * and the bytes agree: 892,160 (Q4_K 13 tensors, Q6_K 3 — output, and attn_v and ffn_down of
   * layer 1, use_more_bits(1, 2) — and 5 F32 norms).
   */
  @Test
  void matchesLlamaQuantizeOnTheSharedTinyLlama() throws IOException {
    Path file = SharedTestData.require("files/gguf/quant/tiny-llama-mix-Q4_K_M.gguf");
    ModelArchitecture a = ModelSource.resolve(file.toString(), null).architecture().orElseThrow();
    Map<String, String> real = new TreeMap<>();
    Pattern block = Pattern.compile("blk\\.(\\d+)\\.(\\w+)\\.weight");
    for (var t : GgufReader.read(file).tensors()) {
      var m = block.matcher(t.name());
      String key = m.matches() ? m.group(2) + "@" + m.group(1)
          : t.name().equals("output.weight") ? "output@-1" : t.name().equals("token_embd.weight") ? "token_embd@-1" : null;
      if (key != null && !key.contains("norm")) {
        real.put(key, t.type());
      }
    }
    Map<String, String> ours = new TreeMap<>();
    for (var x : LlamaCppMix.Q4_K_M.assign(a, ParameterCounter.count(a))) {
      if (x.layer() >= 0 || x.category().equals("output") || x.category().equals("token_embd")) {
        ours.put(x.category() + "@" + x.layer(), x.type().name());
      }
    }
    assertThat(ours).isEqualTo(real).containsEntry("attn_v@1", "Q6_K").containsEntry("attn_v@0", "Q4_K");
    assertThat(LlamaCppMix.Q4_K_M.bytes(a, ParameterCounter.count(a))).isEqualTo(892_160L);
  }

  @Test
  void lowMixesFollowTheirOwnRules() {
    ModelArchitecture a = small();
    // Q3_K_M: attn_v Q5_K in the first two attention layers, then Q4_K; ffn_down Q4_K (n/16 = 0); attn_output Q4_K.
    assertThat(types(LlamaCppMix.Q3_K_M, a, "attn_v")).startsWith(GgmlType.Q5_K, GgmlType.Q5_K, GgmlType.Q4_K);
    assertThat(types(LlamaCppMix.Q3_K_M, a, "ffn_down")).containsOnly(GgmlType.Q4_K);
    assertThat(types(LlamaCppMix.Q3_K_M, a, "attn_output")).containsOnly(GgmlType.Q4_K);
    assertThat(types(LlamaCppMix.Q3_K_M, a, "ffn_up")).containsOnly(GgmlType.Q3_K);
    // Q2_K with n_gqa = 4: attn_v Q4_K; ffn_down and attn_output Q3_K.
    assertThat(types(LlamaCppMix.Q2_K, a, "attn_v")).containsOnly(GgmlType.Q4_K);
    assertThat(types(LlamaCppMix.Q2_K, a, "ffn_down")).containsOnly(GgmlType.Q3_K);
    assertThat(types(LlamaCppMix.Q2_K, a, "attn_output")).containsOnly(GgmlType.Q3_K);
    assertThat(types(LlamaCppMix.Q2_K, a, "attn_k")).containsOnly(GgmlType.Q2_K);
    // Q3_K_S: nothing but the output; Q3_K_L: attn_v, attn_output and ffn_down Q5_K.
    assertThat(types(LlamaCppMix.Q3_K_S, a, "attn_v")).containsOnly(GgmlType.Q3_K);
    assertThat(types(LlamaCppMix.Q3_K_L, a, "ffn_down")).containsOnly(GgmlType.Q5_K);
    // Q4_K_S: attn_v Q5_K in the first four, ffn_down Q5_K in the first eighth (layer 0).
    assertThat(types(LlamaCppMix.Q4_K_S, a, "attn_v")).containsExactly(GgmlType.Q5_K, GgmlType.Q5_K, GgmlType.Q5_K,
        GgmlType.Q5_K, GgmlType.Q4_K, GgmlType.Q4_K, GgmlType.Q4_K, GgmlType.Q4_K);
    assertThat(types(LlamaCppMix.Q4_K_S, a, "ffn_down")).startsWith(GgmlType.Q5_K, GgmlType.Q4_K);
    // Q8_0 keeps the output at Q8_0.
    assertThat(types(LlamaCppMix.Q8_0, a, "output")).containsExactly(GgmlType.Q8_0);
  }

  @Test
  void seventyBLiftsValueToQ5K() {
    assertThat(types(LlamaCppMix.Q3_K_M, "llama-3.1-70b", "attn_v")).containsOnly(GgmlType.Q5_K);
    assertThat(types(LlamaCppMix.Q4_K_S, "llama-3.1-70b", "attn_v")).containsOnly(GgmlType.Q5_K);
    assertThat(types(LlamaCppMix.Q3_K_M, "llama-3.1-8b", "attn_v")).contains(GgmlType.Q4_K);
  }

  @Test
  void eightExpertModelsKeepValueAndKeyAtQ8() {
    assertThat(types(LlamaCppMix.Q4_K_M, "mixtral-8x7b", "attn_v")).containsOnly(GgmlType.Q8_0);
    assertThat(types(LlamaCppMix.Q4_K_M, "mixtral-8x7b", "attn_k")).containsOnly(GgmlType.Q8_0);
    assertThat(types(LlamaCppMix.Q4_K_M, "mixtral-8x7b", "attn_output")).containsOnly(GgmlType.Q5_K);
    assertThat(types(LlamaCppMix.Q4_K_M, "qwen3-30b-a3b", "attn_k")).containsOnly(GgmlType.Q4_K);
  }

  @Test
  void fusedQkvAndRowsNoBlockDivides() {
    // phi-3 stores attn_qkv: Q4_K_M lifts it to Q5_K in every layer.
    assertThat(types(LlamaCppMix.Q4_K_M, "phi-3-mini-4k", "attn_qkv")).containsOnly(GgmlType.Q5_K);
    assertThat(types(LlamaCppMix.Q4_K_M, "phi-3-mini-4k", "attn_v")).isEmpty();
    // Qwen2.5-0.5B: hidden 896 = 3.5 x 256. Q4_K rows fall back to Q5_0; the tied embedding to Q8_0.
    assertThat(types(LlamaCppMix.Q4_K_M, "qwen2.5-0.5b", "attn_q")).containsOnly(GgmlType.Q5_0);
    assertThat(types(LlamaCppMix.Q4_K_M, "qwen2.5-0.5b", "token_embd")).containsExactly(GgmlType.Q8_0);
    assertThat(LlamaCppMix.fallback(GgmlType.Q3_K, 896)).isEqualTo(GgmlType.IQ4_NL);
    assertThat(LlamaCppMix.fallback(GgmlType.Q6_K, 896)).isEqualTo(GgmlType.Q8_0);
    assertThat(LlamaCppMix.fallback(GgmlType.Q4_0, 100)).isEqualTo(GgmlType.F16);
  }

  @Test
  void everyMixParsesIgnoringCase() {
    for (LlamaCppMix m : LlamaCppMix.values()) {
      WeightDtype d = WeightDtype.parse(m.label().toLowerCase(Locale.ROOT));
      assertThat(d.mix()).isEqualTo(m);
      assertThat(d.label()).isEqualTo(m.label());
    }
    assertThat(WeightDtype.parse("q3_k").mix()).isNull();
    assertThatThrownBy(() -> WeightDtype.parse("Q3_K_XL")).hasMessageContaining("Q3_K_M");
  }

  /**
   * llama.cpp's quantize README (ggml-org/llama.cpp 311c2c9f, tools/quantize/README.md), table
   * "meta-llama/Llama-3.1-8B": bits/weight of each file type, printed to four decimals. Same
   * tensors, same types: the mix reproduces every one to the last digit.
   */
  @ParameterizedTest
  @CsvSource({"Q2_K_S, 2.9697", "Q2_K, 3.1593", "Q3_K_S, 3.6429", "Q3_K_L, 4.2979", "Q4_K_S, 4.6672",
      "Q4_K_M, 4.8944", "Q5_K_S, 5.5704", "Q5_K_M, 5.7036", "Q6_K, 6.5633", "Q8_0, 8.5008"})
  void bitsPerWeightOfLlama31With8BAsLlamaCppPrintsThem(String mix, double bitsPerWeight) {
    ModelArchitecture a = ModelSource.resolve("llama-3.1-8b", null).architecture().orElseThrow();
    ParameterCount c = ParameterCounter.count(a);
    double bits = LlamaCppMix.find(mix).orElseThrow().bytes(a, c) * 8.0 / c.totalParams();
    assertThat(bits).isCloseTo(bitsPerWeight, org.assertj.core.data.Offset.offset(0.00005));
  }

  @Test
  void mixesOrderBySizeOnARealModel() {
    ModelArchitecture a = ModelSource.resolve("llama-3.1-8b", null).architecture().orElseThrow();
    ParameterCount c = ParameterCounter.count(a);
    List<LlamaCppMix> order = List.of(LlamaCppMix.Q2_K_S, LlamaCppMix.Q2_K, LlamaCppMix.Q3_K_S, LlamaCppMix.Q3_K_M,
        LlamaCppMix.Q3_K_L, LlamaCppMix.Q4_K_S, LlamaCppMix.Q4_K_M, LlamaCppMix.Q5_K_S, LlamaCppMix.Q5_K_M,
        LlamaCppMix.Q6_K, LlamaCppMix.Q8_0);
    for (int i = 1; i < order.size(); i++) {
      assertThat(order.get(i).bytes(a, c)).as(order.get(i).label()).isGreaterThan(order.get(i - 1).bytes(a, c));
    }
  }
}
