package dev.paramscope.memory;

import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.precision.StorageType;
import java.util.Locale;

/**
 * How the weights are stored for inference: one {@link StorageType} for every weight
 * ({@code bf16}, {@code fp8}, {@code int4}, {@code q4_k}, ...), a llama.cpp file type that mixes
 * several per tensor ({@code Q4_K_M}, {@code Q3_K_S}, {@code Q2_K}, ... see {@link LlamaCppMix}), or
 * a published checkpoint's {@link PrecisionRecipe} per tensor role ({@code fp8-mlp}, {@code
 * gpt-oss-mxfp4}, {@code gptq-int4}, ...).
 *
 * <p>A bare GGUF block type that is not a llama.cpp file type ({@code q3_k}, {@code q5_k}, {@code
 * iq4_xs}) stores every weight in that type except the output tensor (or the tied token embedding),
 * which llama.cpp's quantizer keeps at Q6_K for every type below Q6_K, and the norms, kept in F32.
 *
 * <p>A checkpoint that was read ({@link #stored}) brings its own byte count: the sum of its tensor
 * headers, whatever the mix.
 *
 * @param storedBytes the weight bytes a checkpoint's headers state, or -1 when computed from the count
 */
public record WeightDtype(String label, StorageType base, LlamaCppMix mix, PrecisionRecipe recipe, long storedBytes) {

  /** One storage type; no per-tensor mix or per-role recipe. */
  public WeightDtype(String label, StorageType base) {
    this(label, base, null, null, -1);
  }

  /** A storage type, llama.cpp mix or recipe whose bytes follow from the parameter count. */
  public WeightDtype(String label, StorageType base, LlamaCppMix mix, PrecisionRecipe recipe) {
    this(label, base, mix, recipe, -1);
  }

  /**
   * The weights of a checkpoint read header-only: {@code bytes} as its tensors store them;
   * {@code base} the type most of them are in (for the compute dtype).
   */
  public static WeightDtype stored(String label, StorageType base, long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("stored bytes must not be negative: " + bytes);
    }
    return new WeightDtype(label, base, null, null, bytes);
  }

  /** True when the bytes come from a checkpoint's headers. */
  public boolean fromCheckpoint() {
    return storedBytes >= 0;
  }

  /** The dtype the config declares: float32 for {@code torch_dtype: float32}, else 16-bit. */
  public static WeightDtype forModel(String torchDtype) {
    return "float32".equals(torchDtype) ? new WeightDtype("fp32", StorageType.FP32)
        : new WeightDtype("bf16", StorageType.FP16_BF16);
  }

  /**
   * The precision the checkpoint ships in: the recipe its {@code quantization_config} describes,
   * else its {@code torch_dtype} (see {@link #forModel}).
   */
  public static WeightDtype forCheckpoint(ModelArchitecture arch) {
    return arch.quantized().flatMap(PrecisionRecipe::forQuantization)
        .map(r -> new WeightDtype(r.label(), StorageType.FP16_BF16, null, r))
        .orElseGet(() -> forModel(arch.torchDtype()));
  }

  /** Parses a dtype, a llama.cpp file type or a recipe name, ignoring case. */
  /**
   * The GGUF a llama.cpp user most likely runs: MXFP4_MOE for a model whose checkpoint ships MXFP4
   * experts (gpt-oss: ggml-org's own GGUFs, see {@link LlamaCppMix}), else Q4_K_M.
   */
  public static WeightDtype forLlamaCpp(ModelArchitecture arch) {
    boolean mxfp4 = arch.quantized().map(q -> q.method().equals("mxfp4")).orElse(false);
    return parse(mxfp4 ? "MXFP4_MOE" : "Q4_K_M");
  }

  public static WeightDtype parse(String text) {
    var mix = LlamaCppMix.find(text);
    if (mix.isPresent()) {
      return new WeightDtype(mix.get().label(), mix.get().base(), mix.get(), null);
    }
    var recipe = PrecisionRecipe.find(text);
    if (recipe.isPresent()) {
      return new WeightDtype(recipe.get().label(), StorageType.FP16_BF16, null, recipe.get());
    }
    try {
      StorageType type = StorageType.parse(text);
      return new WeightDtype(text.trim().toLowerCase(Locale.ROOT), type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown dtype '" + text + "' (expected fp32, bf16, fp16, fp8, int8, int4, "
          + "a GGUF type such as q4_k, a llama.cpp file type: " + mixNames()
          + ", or a checkpoint recipe: fp8-mlp, fp8-dynamic, gpt-oss-mxfp4, gptq-int4, awq-int4, nvfp4, int4-experts)");
    }
  }

  private static String mixNames() {
    StringBuilder b = new StringBuilder();
    for (LlamaCppMix m : LlamaCppMix.values()) {
      b.append(b.length() == 0 ? "" : ", ").append(m.label());
    }
    return b.toString();
  }

  /** True for a llama.cpp file type, whose tensors take different types. */
  public boolean mixed() {
    return mix != null;
  }

  /** Average storage bits per parameter for this model. */
  public double bitsPerParam(ModelArchitecture arch, ParameterCount count) {
    return bytes(arch, count) * 8.0 / count.totalParams();
  }

  /** Bytes of all weights (every expert of an MoE resident). */
  public long bytes(ModelArchitecture arch, ParameterCount count) {
    if (storedBytes >= 0) {
      return storedBytes;
    }
    if (recipe != null) {
      return recipe.bytes(count);
    }
    if (mix != null) {
      return mix.bytes(arch, count);
    }
    if (!upgradesOutput()) {
      return base.bytesFor(count.totalParams());
    }
    long norms = count.params(Component.NORMS);
    long upgraded = count.tiedEmbeddings() ? count.params(Component.EMBEDDINGS) : count.params(Component.LM_HEAD);
    long rest = count.totalParams() - norms - upgraded;
    return Math.addExact(Math.addExact(StorageType.Q6_K.bytesFor(upgraded), base.bytesFor(rest)),
        StorageType.FP32.bytesFor(norms));
  }

  /**
   * True for a GGUF type below Q6_K: llama.cpp's quantizer ({@code llama_tensor_get_type},
   * src/llama-quant.cpp) stores {@code output.weight} at Q6_K, or the token embedding when it
   * doubles as the output (tied), and keeps norms in F32.
   */
  private boolean upgradesOutput() {
    return base.isGguf() && base.bitsPerParam() < StorageType.Q6_K.bitsPerParam();
  }
}
