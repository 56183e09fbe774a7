package dev.paramscope.plan;

import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiHeadAttention;
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

  public ModelShards(ModelArchitecture arch, ParameterCount count, WeightDtype dtype) {
    this.arch = arch;
    this.weightLabel = dtype.label();
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
    LatentAttention mla = (LatentAttention) layer.attention();
    long latent = h * ((long) mla.kvLoraRank() + mla.qkRopeHeadDim());
    return latent - latent / par.tp();
  }

  /** KV bytes one token adds in layer {@code i} on one rank (K and V; MLA's latent and rope key). */
  public long kvBytesPerTokenPerLayer(int i, Parallelism par, KvDtype dtype) {
    DecoderLayer layer = arch.layers().get(i);
    if (layer.attention() instanceof LatentAttention mla) {
      return dtype.bytesFor((long) mla.kvLoraRank() + mla.qkRopeHeadDim());
    }
    MultiHeadAttention mha = (MultiHeadAttention) layer.attention();
    return 2 * dtype.bytesFor((long) par.kvHeadsPerRank(mha) * mha.headDim());
  }

  /** Sliding window of layer {@code i} in tokens, 0 for full attention. */
  public int window(int i) {
    return arch.layers().get(i).slidingWindow();
  }

  /** Width of the widest MLP a token passes (top-k experts plus shared experts side by side for an MoE). */
  public long activeIntermediate() {
    long widest = 0;
    for (DecoderLayer layer : arch.layers()) {
      long width;
      if (layer.feedForward() instanceof DenseMlp mlp) {
        width = mlp.intermediateSize();
      } else {
        MixtureOfExperts moe = (MixtureOfExperts) layer.feedForward();
        width = (long) moe.numExpertsPerTok() * moe.expertIntermediateSize()
            + (long) moe.numSharedExperts() * moe.sharedExpertIntermediateSize();
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
