package dev.paramscope.model;

/**
 * The kinds of normalization layer found in decoder-only transformers, each knowing how many
 * learned parameters it has per normalized element.
 */
public enum NormKind {
  /** RMSNorm (Zhang and Sennrich 2019): one scale per element (Gemma's "1 + w" is the same size). */
  RMS_NORM(1),
  /** LayerNorm with an elementwise scale and bias (Ba et al. 2016). */
  LAYER_NORM(2),
  /** LayerNorm with a scale but no bias (e.g. StableLM's per-head q/k norms). */
  LAYER_NORM_NO_BIAS(1),
  /** LayerNorm without learned parameters (OLMo 1: {@code elementwise_affine=False}). */
  NON_PARAMETRIC(0);

  private final int paramsPerElement;

  NormKind(int paramsPerElement) {
    this.paramsPerElement = paramsPerElement;
  }

  /** Learned parameters per normalized element: 0, 1 (scale) or 2 (scale and bias). */
  public int paramsPerElement() {
    return paramsPerElement;
  }
}
