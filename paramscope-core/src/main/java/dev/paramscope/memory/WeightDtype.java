package dev.paramscope.memory;

import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.precision.StorageType;
import java.util.Locale;

/**
 * How the weights are stored for inference: one {@link StorageType} for every weight
 * ({@code bf16}, {@code fp8}, {@code int4}, {@code q8_0}, ...), a llama.cpp file type that
 * mixes two ({@code Q4_K_M}, {@code Q5_K_M}), or a published checkpoint's {@link PrecisionRecipe}
 * per tensor role ({@code fp8-mlp}, {@code gpt-oss-mxfp4}, {@code gptq-int4}, ...).
 *
 * <p>The mixes follow llama.cpp's {@code llama_tensor_get_type} (src/llama-quant.cpp): the base
 * type everywhere, except Q6_K for the output head and for {@code attn_v} and {@code ffn_down} in
 * the layers {@code use_more_bits(i, n)} picks ({@code i < n/8 || i >= 7n/8 || (i - n/8) % 3 == 2});
 * norms stay F32. Token embeddings use the base type, except when tied to the output: then they
 * are the output tensor and take Q6_K. Every GGUF type below Q6_K (Q4_0, Q5_K, Q2_K ...) gets the
 * Q6_K output tensor too; the finer per-type upgrades (Q2_K/Q3_K mixes, Q4_K_S's first layers)
 * are not modelled.
 */
public record WeightDtype(String label, StorageType base, boolean mixed, PrecisionRecipe recipe) {

  /** One storage type, or a llama.cpp mix of it with Q6_K; no per-role recipe. */
  public WeightDtype(String label, StorageType base, boolean mixed) {
    this(label, base, mixed, null);
  }

  /** The dtype the config declares: float32 for {@code torch_dtype: float32}, else 16-bit. */
  public static WeightDtype forModel(String torchDtype) {
    return "float32".equals(torchDtype) ? new WeightDtype("fp32", StorageType.FP32, false)
        : new WeightDtype("bf16", StorageType.FP16_BF16, false);
  }

  /**
   * The precision the checkpoint ships in: the recipe its {@code quantization_config} describes,
   * else its {@code torch_dtype} (see {@link #forModel}).
   */
  public static WeightDtype forCheckpoint(ModelArchitecture arch) {
    return arch.quantized().flatMap(PrecisionRecipe::forQuantization)
        .map(r -> new WeightDtype(r.label(), StorageType.FP16_BF16, false, r))
        .orElseGet(() -> forModel(arch.torchDtype()));
  }

  public static WeightDtype parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.equals("Q4_K_M")) {
      return new WeightDtype("Q4_K_M", StorageType.Q4_K, true);
    }
    if (t.equals("Q5_K_M")) {
      return new WeightDtype("Q5_K_M", StorageType.Q5_K, true);
    }
    var recipe = PrecisionRecipe.find(text);
    if (recipe.isPresent()) {
      return new WeightDtype(recipe.get().label(), StorageType.FP16_BF16, false, recipe.get());
    }
    if (t.equals("Q4_K_S")) {
      return new WeightDtype("Q4_K_S", StorageType.Q4_K, false);
    }
    try {
      StorageType type = StorageType.parse(text);
      return new WeightDtype(text.trim().toLowerCase(Locale.ROOT), type, false);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown dtype '" + text + "' (expected fp32, bf16, fp16, fp8, int8, int4, "
          + "a GGUF type such as q8_0 or q4_k, a llama.cpp mix: Q4_K_M, Q5_K_M, or a checkpoint recipe: fp8-mlp, "
          + "fp8-dynamic, gpt-oss-mxfp4, gptq-int4, awq-int4, nvfp4)");
    }
  }

  /** Average storage bits per parameter for this model. */
  public double bitsPerParam(ModelArchitecture arch, ParameterCount count) {
    return bytes(arch, count) * 8.0 / count.totalParams();
  }

  /** Bytes of all weights (every expert of an MoE resident). */
  public long bytes(ModelArchitecture arch, ParameterCount count) {
    if (recipe != null) {
      return recipe.bytes(count);
    }
    if (!upgradesOutput()) {
      return base.bytesFor(count.totalParams());
    }
    long norms = count.params(Component.NORMS);
    long upgraded = count.tiedEmbeddings() ? count.params(Component.EMBEDDINGS) : count.params(Component.LM_HEAD);
    if (mixed) {
      int n = arch.numLayers();
      for (int i = 0; i < n; i++) {
        if (useMoreBits(i, n)) {
          upgraded = Math.addExact(upgraded, valueAndDownParams(arch, arch.layers().get(i)));
        }
      }
    }
    long rest = count.totalParams() - norms - upgraded;
    return Math.addExact(Math.addExact(StorageType.Q6_K.bytesFor(upgraded), base.bytesFor(rest)),
        StorageType.FP32.bytesFor(norms));
  }

  /**
   * True for a llama.cpp file type below Q6_K: its quantizer ({@code llama_tensor_get_type},
   * src/llama-quant.cpp) stores {@code output.weight} at Q6_K, or the token embedding when it
   * doubles as the output (tied), and keeps norms in F32.
   */
  private boolean upgradesOutput() {
    return mixed || (base.isGguf() && base.bitsPerParam() < StorageType.Q6_K.bitsPerParam());
  }

  /** llama.cpp's {@code use_more_bits}: the first and last eighth of the layers and every third between. */
  static boolean useMoreBits(int i, int n) {
    return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
  }

  private static long valueAndDownParams(ModelArchitecture arch, DecoderLayer layer) {
    long hidden = arch.hiddenSize();
    long v = 0;
    if (layer.attention() instanceof MultiHeadAttention mha) {
      v = hidden * mha.numKeyValueHeads() * mha.headDim();
    }
    long down;
    if (layer.feedForward() instanceof DenseMlp mlp) {
      down = hidden * mlp.intermediateSize();
    } else if (layer.feedForward() instanceof MixtureOfExperts moe) {
      down = hidden * ((long) moe.numExperts() * moe.expertIntermediateSize()
          + (long) moe.numSharedExperts() * moe.sharedExpertIntermediateSize());
    } else {
      down = 0; // a mixer-only layer
    }
    return v + down;
  }
}
