package dev.paramscope.model;

/**
 * A sparse mixture-of-experts feed-forward block (Shazeer et al. 2017; Fedus et al. 2021):
 * a router picks {@code numExpertsPerTok} of {@code numExperts} gated experts per token;
 * optional shared experts see every token.
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
    boolean scoreCorrectionBias)
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
  }
}
