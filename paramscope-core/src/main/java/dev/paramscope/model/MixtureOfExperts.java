package dev.paramscope.model;

/**
 * A sparse mixture-of-experts feed-forward block (Shazeer et al. 2017; Fedus et al. 2021):
 * a router picks {@code numExpertsPerTok} of {@code numExperts} experts per token; optional
 * shared experts see every token. Experts are gated MLPs (gate, up, down) unless {@code gated}
 * is false (Nemotron 3: up and down with squared ReLU, {@code NemotronHExperts}).
 *
 * @param numExperts routed experts, positive
 * @param numExpertsPerTok routed experts active per token, 1..numExperts
 * @param expertIntermediateSize hidden width of one routed expert
 * @param expertBias whether expert projections have biases (gpt-oss)
 * @param numSharedExperts always-active experts (DeepSeek, GLM); 0 when none
 * @param sharedExpertIntermediateSize hidden width of one shared expert (0 when none)
 * @param sharedExpertGate whether a {@code Linear(hidden, 1)} gates the shared expert (Qwen2-MoE)
 * @param routerBias whether the router projection has a bias (gpt-oss)
 * @param scoreCorrectionBias whether the router stores {@code e_score_correction_bias} (DeepSeek-V3)
 * @param gated true for gated (GLU) routed and shared experts, false for up/down-only ones
 * @param latentSize width the routed experts work in when it differs from the hidden size: a
 *     {@code fc1_latent_proj} (hidden → latent) before and a {@code fc2_latent_proj} (latent →
 *     hidden) after them, both always active (Nemotron 3's {@code moe_latent_size}); 0 when none
 * @param mlpBias whether the shared experts and the latent projections have biases (Nemotron-H's
 *     {@code mlp_bias}); the routed experts follow {@code expertBias}
 */
public record MixtureOfExperts(
    int numExperts,
    int numExpertsPerTok,
    int expertIntermediateSize,
    boolean expertBias,
    int numSharedExperts,
    int sharedExpertIntermediateSize,
    boolean sharedExpertGate,
    boolean routerBias,
    boolean scoreCorrectionBias,
    boolean gated,
    int latentSize,
    boolean mlpBias)
    implements FeedForward {
  public MixtureOfExperts {
    if (numExperts <= 0 || expertIntermediateSize <= 0) {
      throw new IllegalArgumentException("experts and their width must be positive");
    }
    if (numExpertsPerTok <= 0 || numExpertsPerTok > numExperts) {
      throw new IllegalArgumentException(
          "num_experts_per_tok (" + numExpertsPerTok + ") must be in 1.." + numExperts);
    }
    if (numSharedExperts < 0 || (numSharedExperts > 0) != (sharedExpertIntermediateSize > 0)) {
      throw new IllegalArgumentException("shared experts need a positive intermediate size");
    }
    if (latentSize < 0) {
      throw new IllegalArgumentException("moe_latent_size must not be negative: " + latentSize);
    }
  }

  /** Gated experts working at the hidden size, no biases on shared experts: every MoE but Nemotron 3's. */
  public MixtureOfExperts(int numExperts, int numExpertsPerTok, int expertIntermediateSize, boolean expertBias,
      int numSharedExperts, int sharedExpertIntermediateSize, boolean sharedExpertGate, boolean routerBias,
      boolean scoreCorrectionBias) {
    this(numExperts, numExpertsPerTok, expertIntermediateSize, expertBias, numSharedExperts,
        sharedExpertIntermediateSize, sharedExpertGate, routerBias, scoreCorrectionBias, true, 0, false);
  }

  /** The width a routed expert reads and writes: the latent size, or {@code hiddenSize} without one. */
  public int expertInputSize(int hiddenSize) {
    return latentSize > 0 ? latentSize : hiddenSize;
  }
}
