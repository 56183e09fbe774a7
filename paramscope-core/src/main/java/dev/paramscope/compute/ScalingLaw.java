package dev.paramscope.compute;

import java.util.Locale;

/**
 * Chinchilla's parametric loss {@code L(N, D) = E + A/N^α + B/D^β} and its compute-optimal
 * allocation under {@code C = 6ND}: minimising L gives
 * {@code N_opt = G·(C/6)^(β/(α+β))}, {@code D_opt = G⁻¹·(C/6)^(α/(α+β))},
 * {@code G = (αA/(βB))^(1/(α+β))} (Hoffmann et al. 2022, "Training Compute-Optimal Large
 * Language Models", §3.3 and Appendix D.2).
 */
public enum ScalingLaw {
  /** Hoffmann et al. 2022, eq. 10 (Approach 3 fit). */
  HOFFMANN("hoffmann", 1.69, 406.4, 410.7, 0.34, 0.28,
      "Hoffmann et al. 2022, arXiv:2203.15556, eq. 10"),
  /** Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt", refit of Approach 3. */
  BESIROGLU("besiroglu", 1.82, 482.01, 2085.43, 0.3478, 0.3658,
      "Besiroglu et al. 2024, arXiv:2404.10102, eq. 4");

  private final String label;
  private final double e;
  private final double a;
  private final double b;
  private final double alpha;
  private final double beta;
  private final String source;

  ScalingLaw(String label, double e, double a, double b, double alpha, double beta, String source) {
    this.label = label;
    this.e = e;
    this.a = a;
    this.b = b;
    this.alpha = alpha;
    this.beta = beta;
    this.source = source;
  }

  public String label() {
    return label;
  }

  public String source() {
    return source;
  }

  public String formula() {
    return String.format(Locale.ROOT, "L = %s + %s/N^%s + %s/D^%s", e, a, alpha, b, beta);
  }

  /** Predicted loss (nats per token) of {@code params} parameters trained on {@code tokens} tokens. */
  public double loss(double params, double tokens) {
    return e + a / Math.pow(params, alpha) + b / Math.pow(tokens, beta);
  }

  /** Compute-optimal parameters for {@code flops} under {@code C = 6ND}. */
  public double optimalParams(double flops) {
    double g = Math.pow(alpha * a / (beta * b), 1.0 / (alpha + beta));
    return g * Math.pow(flops / 6.0, beta / (alpha + beta));
  }

  /** Compute-optimal tokens for {@code flops}: {@code C / (6 N_opt)}. */
  public double optimalTokens(double flops) {
    return flops / (6.0 * optimalParams(flops));
  }

  public static ScalingLaw parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (ScalingLaw law : values()) {
      if (law.label.equals(t)) {
        return law;
      }
    }
    throw new IllegalArgumentException("unknown fit '" + text + "' (expected hoffmann or besiroglu)");
  }
}
