package dev.paramscope.memory;

import dev.paramscope.count.ParameterCount;
import dev.paramscope.hardware.Gpu;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;

/**
 * Inference memory of one model: weights, KV cache, activation peak and runtime overhead.
 * Construct once per model; {@link #estimate} then costs a handful of multiplications and no
 * allocation beyond its result, so {@code fit} can sweep millions of configurations.
 *
 * <p>Activation peak of one forward pass (stated assumption, FlashAttention-style kernels that
 * never materialise the score matrix): {@code tokens × (4·h + 2·i) × 2} bytes for the residual
 * stream, the normed input, the attention output and the MLP's two up-projections at 16 bits,
 * with {@code i} the widest active MLP (top-k experts side by side for an MoE), plus logits
 * {@code positions × vocab × 4} bytes in FP32.
 */
public final class MemoryEstimator {
  private final ModelArchitecture arch;
  private final ParameterCount count;
  private final KvCache kvCache;
  private final KvSplit kvSplit;
  private final long activationBytesPerToken;
  /**
   * Weight bytes per dtype: a llama.cpp file type assigns a type to every tensor (LlamaCppMix), which
   * made a fit sweep recomputing each estimate 9× slower (bench/run: 144 k configurations/s).
   */
  private final java.util.Map<WeightDtype, Long> weightBytes = new java.util.concurrent.ConcurrentHashMap<>();

  public MemoryEstimator(ModelArchitecture arch, ParameterCount count) {
    this.arch = arch;
    this.count = count;
    this.kvCache = new KvCache(arch);
    this.kvSplit = new KvSplit(arch);
    long widest = 0;
    for (DecoderLayer layer : arch.layers()) {
      widest = Math.max(widest, activeIntermediate(layer));
    }
    this.activationBytesPerToken = (4L * arch.hiddenSize() + 2L * widest) * 2L;
  }

  private static long activeIntermediate(DecoderLayer layer) {
    if (layer.feedForward() instanceof DenseMlp mlp) {
      return mlp.intermediateSize();
    }
    if (!(layer.feedForward() instanceof MixtureOfExperts moe)) {
      return 0; // a mixer-only layer
    }
    return (long) moe.numExpertsPerTok() * moe.expertIntermediateSize()
        + (long) moe.numSharedExperts() * moe.sharedExpertIntermediateSize();
  }

  public ModelArchitecture architecture() {
    return arch;
  }

  public ParameterCount count() {
    return count;
  }

  public KvCache kvCache() {
    return kvCache;
  }

  /** Activation bytes per token in flight (see the class comment). */
  public long activationBytesPerToken() {
    return activationBytesPerToken;
  }

  /**
   * @param overheadBytes the runtime overhead to use, or a negative value for the runtime's own
   */
  public MemoryEstimate estimate(long context, long batch, WeightDtype weights, KvDtype kv, InferenceRuntime runtime,
      long overheadBytes) {
    if (context <= 0 || batch <= 0) {
      throw new IllegalArgumentException("context and batch must be positive");
    }
    long tokens = runtime.tokensPerPass(context, batch);
    long activations = Math.addExact(Math.multiplyExact(tokens, activationBytesPerToken),
        Math.multiplyExact(Math.multiplyExact(runtime.logitPositions(context, batch), arch.vocabSize()), 4L));
    return new MemoryEstimate(weightBytes.computeIfAbsent(weights, w -> w.bytes(arch, count)),
        kvCache.bytes(context, batch, kv, runtime.windowPolicy()),
        kvCache.bytesPerTokenFullLayers(kv), activations, overheadBytes >= 0 ? overheadBytes : runtime.overheadBytes(),
        kvCache.stateBytes(batch, kv), kvSplit.shares(kvCache, context, batch, kv, runtime.windowPolicy()));
  }

  /**
   * Memory a runtime may use on one GPU: what CUDA reports ({@link Gpu#runtimeVisibleBytes}, 79.2 GiB
   * of an 80 GB H100), less what the runtime leaves unused.
   */
  public static long availableBytes(Gpu gpu, InferenceRuntime runtime) {
    return (long) (gpu.runtimeVisibleBytes() * (1.0 - runtime.reservedFraction()));
  }

  /** The smallest tensor-parallel GPU count (1, 2, 4, ... 64) that holds the estimate, or 0 if none. */
  public static int smallestGpuCount(MemoryEstimate estimate, Gpu gpu, InferenceRuntime runtime) {
    long available = availableBytes(gpu, runtime);
    for (int n = 1; n <= 64; n *= 2) {
      if (estimate.perGpuBytes(n) <= available) {
        return n;
      }
    }
    return 0;
  }
}
