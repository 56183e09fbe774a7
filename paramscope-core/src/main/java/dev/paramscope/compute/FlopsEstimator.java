package dev.paramscope.compute;

import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiHeadAttention;
import java.util.EnumMap;
import java.util.Map;

/**
 * Forward FLOPs per token, by component, at a context length.
 *
 * <p>Every weight in a matrix product costs 2 FLOPs (multiply and add) per token, so a dense
 * model's matmuls cost {@code 2N} (Kaplan et al. 2020, "Scaling Laws for Neural Language
 * Models", §2.1 and Table 1). An MoE token runs the router, the shared experts and
 * {@code num_experts_per_tok} routed experts. The embedding lookup costs nothing; the LM head is a
 * {@code vocab × hidden} product even when tied. Attention scores and the weighted sum cost
 * {@code 2·heads·(d_qk + d_v)·L̄} per layer, with {@code L̄} the mean number of positions a token
 * attends to: {@code L/2} under the causal mask — the convention of Kaplan's Table 1, whose
 * {@code 2·n_layer·n_ctx·d_attn} is exactly this for {@code d_qk = d_v} — and
 * {@code W − W²/(2L)} for a sliding window {@code W < L}.
 */
public final class FlopsEstimator {
  private final ModelArchitecture arch;
  private final Map<Component, Double> linear = new EnumMap<>(Component.class);
  private final double[] scoreWidth;
  private final int[] window;
  private final int[] chunk;

  public FlopsEstimator(ModelArchitecture arch, ParameterCount count) {
    this.arch = arch;
    linear.put(Component.ATTENTION, 2.0 * count.params(Component.ATTENTION));
    linear.put(Component.MLP, 2.0 * count.params(Component.MLP));
    linear.put(Component.SHARED_EXPERTS, 2.0 * count.params(Component.SHARED_EXPERTS));
    linear.put(Component.ROUTER, 2.0 * count.params(Component.ROUTER));
    double routed = 0;
    long routedParams = count.params(Component.ROUTED_EXPERTS);
    long allExperts = 0;
    long activeExperts = 0;
    for (DecoderLayer layer : arch.layers()) {
      if (layer.feedForward() instanceof MixtureOfExperts moe) {
        allExperts += moe.numExperts();
        activeExperts += moe.numExpertsPerTok();
      }
    }
    if (allExperts > 0) {
      // Experts of one model have one size: the active share of the routed parameters.
      routed = 2.0 * routedParams * activeExperts / allExperts;
    }
    linear.put(Component.ROUTED_EXPERTS, routed);
    linear.put(Component.LM_HEAD, 2.0 * arch.vocabSize() * arch.embeddingSize());
    linear.put(Component.OTHER, 2.0 * count.params(Component.OTHER));
    int n = arch.numLayers();
    scoreWidth = new double[n];
    window = new int[n];
    chunk = new int[n];
    for (int i = 0; i < n; i++) {
      DecoderLayer layer = arch.layers().get(i);
      window[i] = layer.slidingWindow();
      chunk[i] = layer.attentionChunkSize();
      if (layer.attention() instanceof LatentAttention mla) {
        scoreWidth[i] = 2.0 * mla.numHeads() * (mla.qkHeadDim() + mla.vHeadDim());
      } else if (layer.attention() instanceof dev.paramscope.model.RecurrentMixer
          || layer.attention() instanceof dev.paramscope.model.NoMixer) {
        scoreWidth[i] = 0; // a constant-size state update (or no mixer), no scores over past tokens
      } else {
        MultiHeadAttention mha = (MultiHeadAttention) layer.attention();
        scoreWidth[i] = 4.0 * mha.numHeads() * mha.headDim();
      }
    }
  }

  /** Mean positions a token attends to in a causal sequence of {@code context} tokens. */
  static double meanAttended(double context, int window) {
    if (window == 0 || context <= window) {
      return context / 2.0;
    }
    return window - (double) window * window / (2.0 * context);
  }

  /**
   * Mean positions a token attends to with chunked local attention (Llama 4): position p attends
   * to the {@code p mod chunk + 1} tokens of its chunk, about {@code chunk / 2} once the context
   * spans whole chunks.
   */
  static double meanAttendedChunked(double context, int chunk) {
    if (context <= chunk) {
      return context / 2.0;
    }
    double whole = Math.floor(context / chunk);
    double rest = context - whole * chunk;
    return (whole * chunk * chunk / 2.0 + rest * rest / 2.0) / context;
  }

  /** FLOPs of the attention scores and weighted sum, all layers, per token. */
  public double attentionScoreFlops(long context) {
    double total = 0;
    for (int i = 0; i < scoreWidth.length; i++) {
      total += scoreWidth[i] * (chunk[i] > 0 ? meanAttendedChunked(context, chunk[i]) : meanAttended(context, window[i]));
    }
    return total;
  }

  /** Forward FLOPs per token by part: the components' matmuls plus {@code attention_scores}. */
  public Map<String, Double> perTokenBreakdown(long context) {
    Map<String, Double> parts = new java.util.LinkedHashMap<>();
    for (Map.Entry<Component, Double> e : linear.entrySet()) {
      parts.put(e.getKey().jsonKey(), e.getValue());
    }
    parts.put("attention_scores", attentionScoreFlops(context));
    return parts;
  }

  /** Forward FLOPs per token at {@code context}. */
  public double forwardPerToken(long context) {
    double total = attentionScoreFlops(context);
    for (double v : linear.values()) {
      total += v;
    }
    return total;
  }

  /** The matmul FLOPs alone (no attention scores), per token. */
  public double linearPerToken() {
    double total = 0;
    for (double v : linear.values()) {
      total += v;
    }
    return total;
  }

  public ModelArchitecture architecture() {
    return arch;
  }
}
