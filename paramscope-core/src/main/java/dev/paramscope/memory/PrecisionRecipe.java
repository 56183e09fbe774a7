package dev.paramscope.memory;

import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.model.Quantization;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a published quantized checkpoint stores each tensor role: the bits per weight of embeddings,
 * attention, dense MLP, experts, router, norms and head, scales included. Roles a recipe leaves out
 * stay BF16. What each recipe follows:
 *
 * <ul>
 *   <li>{@code fp8-mlp}: FP8 MLP and expert weights, BF16 attention, embeddings, head and router, as
 *       Meta's Llama-3.1-405B-Instruct-FP8 ({@code quantization_config.modules_to_not_convert} lists
 *       every attention projection and the head). Its first and last layers' MLPs also stay BF16 there
 *       (not modelled: about 2% low on that checkpoint).
 *   <li>{@code fp8-dynamic}: llm-compressor's FP8_DYNAMIC scheme ({@code ignore: ["lm_head"]}): every
 *       linear layer FP8 with one BF16 scale per output channel (ignored here: under 0.1%),
 *       embeddings and head BF16.
 *   <li>{@code gpt-oss-mxfp4}: gpt-oss's {@code quantization_config} ({@code quant_method: mxfp4},
 *       {@code modules_to_not_convert} everything but the experts): experts in MXFP4, 4 bits plus one
 *       E8M0 scale per 32 = 4.25 bits; the rest BF16.
 *   <li>{@code gptq-int4} / {@code awq-int4}: 4-bit linear layers with {@code group_size: 128}, one FP16
 *       scale and one packed 4-bit zero point per group = 4 + 20/128 bits; embeddings and head FP16.
 *   <li>{@code nvfp4}: NVIDIA's NVFP4 (ModelOpt): 4-bit E2M1 linear layers with one FP8 scale per 16
 *       = 4.5 bits; embeddings and head BF16.
 *   <li>{@code int4-experts}: Kimi K2 Thinking's {@code quantization_config} (compressed-tensors
 *       {@code pack-quantized}, symmetric INT4, {@code group_size: 32}, {@code ignore}: the head,
 *       {@code self_attn}, {@code shared_experts} and the dense layers' MLP): routed experts in INT4
 *       with one BF16 scale per 32 weights = 4.5 bits; the rest BF16.
 * </ul>
 */
public enum PrecisionRecipe {
  FP8_MLP("fp8-mlp", roles(8, Component.MLP, Component.ROUTED_EXPERTS, Component.SHARED_EXPERTS)),
  FP8_DYNAMIC("fp8-dynamic", roles(8, Component.ATTENTION, Component.MLP, Component.ROUTED_EXPERTS,
      Component.SHARED_EXPERTS)),
  GPT_OSS_MXFP4("gpt-oss-mxfp4", roles(4.25, Component.ROUTED_EXPERTS)),
  GPTQ_INT4("gptq-int4", roles(4 + 20.0 / 128, Component.ATTENTION, Component.MLP, Component.ROUTED_EXPERTS,
      Component.SHARED_EXPERTS)),
  AWQ_INT4("awq-int4", roles(4 + 20.0 / 128, Component.ATTENTION, Component.MLP, Component.ROUTED_EXPERTS,
      Component.SHARED_EXPERTS)),
  NVFP4("nvfp4", roles(4.5, Component.ATTENTION, Component.MLP, Component.ROUTED_EXPERTS,
      Component.SHARED_EXPERTS)),
  INT4_EXPERTS("int4-experts", roles(4 + 16.0 / 32, Component.ROUTED_EXPERTS));

  private static final double BF16_BITS = 16;
  private final String label;
  private final Map<Component, Double> bits;

  PrecisionRecipe(String label, Map<Component, Double> bits) {
    this.label = label;
    this.bits = bits;
  }

  private static Map<Component, Double> roles(double bitsPerWeight, Component... components) {
    Map<Component, Double> m = new EnumMap<>(Component.class);
    for (Component c : components) {
      m.put(c, bitsPerWeight);
    }
    return m;
  }

  public String label() {
    return label;
  }

  /** Bits per weight this recipe stores {@code role} in. */
  public double bitsPerWeight(Component role) {
    return bits.getOrDefault(role, BF16_BITS);
  }

  /** Bytes of all weights: each role's parameters at its bits per weight, rounded up to a byte. */
  public long bytes(ParameterCount count) {
    long total = 0;
    for (Component role : Component.values()) {
      double roleBits = (double) count.params(role) * bitsPerWeight(role);
      total = Math.addExact(total, (long) Math.ceil(roleBits / 8));
    }
    return total;
  }

  /**
   * The recipe a checkpoint's {@code quantization_config} describes, when one does: block FP8
   * (DeepSeek-V3's {@code fp8}, every linear layer FP8, embeddings, head and router BF16) and
   * llm-compressor's FP8 are {@code fp8-dynamic}; {@code fbgemm_fp8} is {@code fp8-mlp}; {@code
   * mxfp4} is {@code gpt-oss-mxfp4}; 4-bit GPTQ, AWQ and llm-compressor integer schemes are {@code
   * gptq-int4} / {@code awq-int4}, except a symmetric group-32 INT4 scheme whose {@code ignore} list
   * leaves attention, shared experts and dense MLPs alone, which is {@code int4-experts}; NVFP4 is
   * {@code nvfp4}. Other schemes and widths have no recipe.
   */
  public static Optional<PrecisionRecipe> forQuantization(Quantization q) {
    PrecisionRecipe r = switch (q.method()) {
      case "fp8" -> FP8_DYNAMIC;
      case "fbgemm_fp8" -> FP8_MLP;
      case "mxfp4" -> GPT_OSS_MXFP4;
      case "nvfp4" -> NVFP4;
      case "gptq" -> q.bits() == 4 ? GPTQ_INT4 : null;
      case "awq" -> q.bits() == 4 ? AWQ_INT4 : null;
      case "compressed-tensors" -> q.bits() == 8 && q.floating() ? FP8_DYNAMIC
          : q.bits() == 4 && !q.floating() ? (expertsOnly(q) ? INT4_EXPERTS : GPTQ_INT4) : null;
      default -> null;
    };
    return Optional.ofNullable(r);
  }

  /**
   * True for a symmetric INT4 scheme in groups of 32 that leaves every module but the routed experts
   * unquantized, tried on DeepSeek-V3-style module names (transformers' modeling_deepseek_v3.py).
   */
  private static boolean expertsOnly(Quantization q) {
    return q.groupSize() == 32 && q.symmetric() && q.ignores("lm_head")
        && q.ignores("model.layers.1.self_attn.o_proj") && q.ignores("model.layers.1.mlp.shared_experts.up_proj")
        && q.ignores("model.layers.0.mlp.up_proj") && !q.ignores("model.layers.1.mlp.experts.0.up_proj");
  }

  /** The recipe with this label, ignoring case. */
  public static Optional<PrecisionRecipe> find(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (PrecisionRecipe r : values()) {
      if (r.label.equals(t)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
