package dev.paramscope.plan;

import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.memory.KvCache;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.LayerKind;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.RecurrentMixer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model cut the way engines place it: bytes of each decoder layer, of the embedding and of the
 * head, per tensor-parallel rank, and KV bytes per token per layer per rank.
 *
 * <p>Weight bytes of a part are its parameters × the dtype's average bytes per parameter over the
 * whole model ({@link WeightDtype#bytes}); for llama.cpp mixes (Q4_K_M) that spreads the Q6_K
 * upgrades evenly over the layers, within a few percent of each layer's real size. Per-layer
 * parameters are counted by {@link ParameterCounter} on a one- and a two-layer copy of the model.
 *
 * <p>Under tensor parallelism every matrix is sliced over the ranks (vLLM
 * {@code ColumnParallelLinear}/{@code RowParallelLinear}, {@code VocabParallelEmbedding}), norms are
 * replicated, and KV projections are replicated {@code tp / kv_heads} times when TP exceeds the KV
 * heads ({@code QKVParallelLinear}); MLA's latent projections are replicated on every rank.
 * Recurrent mixers (Gated DeltaNet, Mamba-2) are split by heads like attention, and so is their
 * state ({@code MambaMixer2} and {@code Qwen3NextGatedDeltaNet} in vllm/model_executor keep
 * {@code heads / tp} heads of state per rank).
 *
 * <p>What each layer caches comes from {@link KvCache}, per layer; the engines differ only in how
 * many tokens a layer holds and at what dtype, which their policies decide.
 */
public final class ModelShards {
  private final ModelArchitecture arch;
  private final double bytesPerParam;
  private final long weightBytes;
  private final long[] layerParams;
  private final long[] layerNormParams;
  private final long embeddingParams;
  private final long headParams;
  private final String weightLabel;
  private final KvCache kvCache;

  public ModelShards(ModelArchitecture arch, ParameterCount count, WeightDtype dtype) {
    this.arch = arch;
    this.weightLabel = dtype.label();
    this.kvCache = new KvCache(arch);
    this.weightBytes = dtype.bytes(arch, count);
    this.bytesPerParam = weightBytes / (double) count.totalParams();
    int n = arch.numLayers();
    layerParams = new long[n];
    layerNormParams = new long[n];
    Map<DecoderLayer, long[]> seen = new HashMap<>();
    for (int i = 0; i < n; i++) {
      long[] p = seen.computeIfAbsent(arch.layers().get(i), l -> countLayer(arch, l));
      layerParams[i] = p[0];
      layerNormParams[i] = p[1];
    }
    embeddingParams = count.params(Component.EMBEDDINGS);
    long layers = java.util.Arrays.stream(layerParams).sum();
    // the head (untied), final norms and anything outside the layers and the embedding
    headParams = count.totalParams() - layers - embeddingParams;
  }

  private static long[] countLayer(ModelArchitecture arch, DecoderLayer layer) {
    ParameterCount one = ParameterCounter.count(withLayers(arch, List.of(layer)));
    ParameterCount two = ParameterCounter.count(withLayers(arch, List.of(layer, layer)));
    return new long[] {two.totalParams() - one.totalParams(),
        two.params(Component.NORMS) - one.params(Component.NORMS)};
  }

  private static ModelArchitecture withLayers(ModelArchitecture a, List<DecoderLayer> layers) {
    return new ModelArchitecture(a.name(), a.modelType(), a.vocabSize(), a.hiddenSize(), a.embeddingSize(),
        a.learnedPositions(), a.embeddingNorms(), layers, a.finalNorms(), a.tieWordEmbeddings(), a.lmHeadBias(),
        a.maxPositionEmbeddings(), a.torchDtype(), null, List.of());
  }

  public ModelArchitecture architecture() {
    return arch;
  }

  /** The weight dtype's name ({@code bf16}, {@code Q4_K_M}). */
  public String weightLabel() {
    return weightLabel;
  }

  /** Bytes of every weight, unsplit. */
  public long weightBytes() {
    return weightBytes;
  }

  /** Parameters of decoder layer {@code i}. */
  public long layerParams(int i) {
    return layerParams[i];
  }

  /** Bytes of decoder layer {@code i} on one GPU holding it whole. */
  public long layerBytes(int i) {
    return bytes(layerParams[i]);
  }

  /** Bytes of the token embedding (llama.cpp keeps it in system RAM). */
  public long embeddingBytes() {
    return bytes(embeddingParams);
  }

  /** Bytes of the output head, final norms and other non-layer weights (the head is the embedding when tied). */
  public long headBytes() {
    return bytes(arch.tieWordEmbeddings() ? headParams + embeddingParams : headParams);
  }

  long bytes(long params) {
    return (long) Math.ceil(params * bytesPerParam);
  }

  /**
   * Weight bytes on the busiest rank: layer {@code first} to {@code first + count - 1}, the
   * embedding on the first stage and the head on the last, sliced over TP.
   */
  public long rankWeightBytes(Parallelism par, int first, int count, boolean firstStage, boolean lastStage) {
    long params = 0;
    for (int i = first; i < first + count; i++) {
      DecoderLayer layer = arch.layers().get(i);
      long sliced = layerParams[i] - layerNormParams[i];
      params = Math.addExact(params, sliced / par.tp() + layerNormParams[i] + replicatedKvParams(layer, par));
    }
    if (firstStage) {
      params = Math.addExact(params, embeddingParams / par.tp());
    }
    if (lastStage && (!arch.tieWordEmbeddings() || !firstStage)) {
      params = Math.addExact(params, (arch.tieWordEmbeddings() ? embeddingParams : headParams) / par.tp());
    }
    return bytes(params);
  }

  /** The extra KV-projection parameters one rank holds because heads are replicated. */
  private long replicatedKvParams(DecoderLayer layer, Parallelism par) {
    if (par.tp() == 1) {
      return 0;
    }
    long h = arch.hiddenSize();
    if (layer.attention() instanceof MultiHeadAttention mha) {
      long kvWidth = mha.keyValueWidth();
      long held = 2L * h * par.kvHeadsPerRank(mha) * mha.headDim();
      return Math.max(0, held - 2L * h * kvWidth / par.tp());
    }
    if (layer.attention() instanceof LatentAttention mla) {
      long latent = h * ((long) mla.kvLoraRank() + mla.qkRopeHeadDim());
      return latent - latent / par.tp();
    }
    return 0;
  }

  /**
   * KV bytes one token adds in layer {@code i} on one rank: {@link KvCache#layerValuesPerToken} at
   * the dtype, MHA's share cut to the KV heads the rank holds (replicated when TP exceeds them),
   * MLA's latent (and DSA indexer key) whole on every rank; 0 for a recurrent layer.
   */
  public long kvBytesPerTokenPerLayer(int i, Parallelism par, KvDtype dtype) {
    long values = kvCache.layerValuesPerToken(i);
    if (arch.layers().get(i).attention() instanceof MultiHeadAttention mha) {
      values = values / mha.numKeyValueHeads() * par.kvHeadsPerRank(mha);
    }
    return values == 0 ? 0 : dtype.bytesFor(values);
  }

  /**
   * Bytes of the constant recurrent state one sequence keeps in layer {@code i} on one rank
   * ({@link KvCache#layerStateValues}, split over TP by heads), at {@code bytesPerValue}; 0 for an
   * attention layer.
   */
  public long stateBytesPerLayer(int i, Parallelism par, long bytesPerValue) {
    long values = kvCache.layerStateValues(i);
    return Math.multiplyExact(KvPool.ceilDiv(values, par.tp()), bytesPerValue);
  }

  /** Sliding window of layer {@code i} in tokens, 0 for full attention. */
  public int window(int i) {
    return kvCache.window(i);
  }

  /** Attention chunk of layer {@code i} in tokens (Llama 4's local layers), 0 when not chunked. */
  public int chunk(int i) {
    return kvCache.chunk(i);
  }

  /** What layer {@code i} keeps per sequence. */
  public LayerKind kind(int i) {
    return kvCache.kind(i);
  }

  /** True when layer {@code i} keeps a constant state instead of per-token KV. */
  public boolean recurrent(int i) {
    return arch.layers().get(i).attention() instanceof RecurrentMixer;
  }

  /** Width of the widest MLP a token passes (top-k experts plus shared experts side by side for an MoE). */
  public long activeIntermediate() {
    return activeIntermediate(arch);
  }

  /** {@link #activeIntermediate()} of any architecture, without cutting it into shards. */
  static long activeIntermediate(ModelArchitecture arch) {
    long widest = 0;
    for (DecoderLayer layer : arch.layers()) {
      long width;
      if (layer.feedForward() instanceof DenseMlp mlp) {
        width = mlp.intermediateSize();
      } else if (layer.feedForward() instanceof MixtureOfExperts moe) {
        width = (long) moe.numExpertsPerTok() * moe.expertIntermediateSize()
            + (long) moe.numSharedExperts() * moe.sharedExpertIntermediateSize();
      } else {
        width = 0; // a mixer-only block (Nemotron-H) has no MLP
      }
      widest = Math.max(widest, width);
    }
    return widest;
  }

  /** Fraction of the weights read per decoded token (active / total parameters). */
  public double activeFraction(ParameterCount count) {
    return count.activeParams() / (double) count.totalParams();
  }
}
