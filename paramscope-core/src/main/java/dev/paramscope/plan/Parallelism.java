package dev.paramscope.plan;

import dev.paramscope.model.Attention;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.RecurrentMixer;

/**
 * How a model is split over GPUs: tensor parallel (each layer's heads and MLP columns over
 * {@code tp} ranks), pipeline parallel (layers in {@code pp} stages) and, for an MoE, expert
 * parallel (whole experts over the {@code tp} ranks instead of slices of every expert).
 *
 * <p>Rules as vLLM enforces them: {@code ModelConfig.verify_with_parallel_config} requires TP to
 * divide {@code num_attention_heads}; {@code ModelConfig.get_num_kv_heads} gives each rank
 * {@code max(1, kv_heads / tp)} KV heads, so when TP exceeds the KV heads each head is replicated
 * on {@code tp / kv_heads} ranks ({@code QKVParallelLinear}, vllm/model_executor/layers/linear.py);
 * MLA keeps one latent per rank, replicated on every rank. Pipeline stages follow
 * {@code get_pp_indices} (vllm/distributed/utils.py): {@code n / pp} layers each, the remainder
 * added one per stage to the stages before the last.
 *
 * @param tp tensor-parallel ranks (also the expert-parallel ranks when {@code expertParallel})
 * @param pp pipeline stages
 * @param expertParallel whether MoE experts are placed whole on ranks rather than sliced
 */
public record Parallelism(int tp, int pp, boolean expertParallel) {
  public Parallelism {
    if (tp < 1 || pp < 1 || tp > 4096 || pp > 4096) {
      throw new IllegalArgumentException("tensor and pipeline parallel sizes must be 1 to 4096, got tp "
          + tp + ", pp " + pp);
    }
  }

  /** GPUs used: {@code tp × pp}. */
  public int gpus() {
    return tp * pp;
  }

  /**
   * Checks the split against the model; the message names the rule broken.
   *
   * @throws IllegalArgumentException when TP does not divide the heads, KV heads do not split
   *     evenly, PP exceeds the layers, or experts do not divide over the EP ranks
   */
  public void check(ModelArchitecture arch) {
    if (pp > arch.numLayers()) {
      throw new IllegalArgumentException("--pp " + pp + " exceeds the model's " + arch.numLayers() + " layers");
    }
    for (DecoderLayer layer : arch.layers()) {
      checkAttention(layer.attention());
    }
    if (expertParallel) {
      for (DecoderLayer layer : arch.layers()) {
        if (layer.feedForward() instanceof MixtureOfExperts moe && moe.numExperts() % tp != 0) {
          throw new IllegalArgumentException("expert parallel over " + tp + " ranks needs num_experts ("
              + moe.numExperts() + ") divisible by " + tp);
        }
      }
    }
  }

  /**
   * TP must divide the query heads of every attention layer ({@code verify_with_parallel_config})
   * and the KV heads and TP must divide one another; recurrent layers are not checked here.
   */
  private void checkAttention(Attention attention) {
    if (attention instanceof RecurrentMixer) {
      return;
    }
    if (attention.numHeads() % tp != 0) {
      throw new IllegalArgumentException("--tp " + tp + " must divide num_attention_heads (" + attention.numHeads() + ")");
    }
    if (attention instanceof MultiHeadAttention mha) {
      int kv = mha.numKeyValueHeads();
      if (kv >= tp ? kv % tp != 0 : tp % kv != 0) {
        throw new IllegalArgumentException("--tp " + tp + " and num_key_value_heads (" + kv
            + ") must divide one another");
      }
    }
  }

  /**
   * The first layer that caches keys and values (MHA or MLA), the one whose heads the KV figures
   * describe; null for a model of recurrent layers only. Layer 0 may be a recurrent mixer
   * (Qwen3-Next's first three of every four layers are Gated DeltaNet).
   */
  static Attention kvAttention(ModelArchitecture arch) {
    for (DecoderLayer layer : arch.layers()) {
      if (!(layer.attention() instanceof RecurrentMixer)) {
        return layer.attention();
      }
    }
    return null;
  }

  /** Query heads of the widest attention (not recurrent) layer, 0 when there is none. */
  static int attentionHeads(ModelArchitecture arch) {
    int heads = 0;
    for (DecoderLayer layer : arch.layers()) {
      if (!(layer.attention() instanceof RecurrentMixer)) {
        heads = Math.max(heads, layer.attention().numHeads());
      }
    }
    return heads;
  }

  /** KV heads one rank stores for this attention: {@code max(1, kv / tp)}; 1 latent for MLA; 0 for a recurrent mixer. */
  public int kvHeadsPerRank(Attention attention) {
    if (attention instanceof MultiHeadAttention mha) {
      return Math.max(1, mha.numKeyValueHeads() / tp);
    }
    return attention instanceof LatentAttention ? 1 : 0;
  }

  /** How many ranks hold a copy of each KV head (1 unless TP exceeds the KV heads; every rank for MLA). */
  public int kvReplication(Attention attention) {
    if (attention instanceof MultiHeadAttention mha) {
      return Math.max(1, tp / mha.numKeyValueHeads());
    }
    return attention instanceof LatentAttention ? tp : 1;
  }

  /** Layers in each pipeline stage, first stage first (vLLM {@code get_pp_indices}). */
  public int[] layersPerStage(int numLayers) {
    int[] stages = new int[pp];
    java.util.Arrays.fill(stages, numLayers / pp);
    int remaining = numLayers % pp;
    for (int i = 2; i < remaining + 2; i++) {
      stages[pp - i]++;
    }
    return stages;
  }
}
