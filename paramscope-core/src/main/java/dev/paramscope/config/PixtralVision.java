package dev.paramscope.config;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

/**
 * The Pixtral vision encoder ({@code PixtralVisionModel}, modeling_pixtral.py), counted as the
 * checkpoint stores it: a Conv2d patch embedding without bias (channels·patch² → hidden), an RMS
 * {@code ln_pre}, and {@code num_hidden_layers} layers of two RMS norms, q/k/v/o projections
 * (hidden → hidden, no bias) and a gated SiLU MLP (gate and up hidden → intermediate, down back,
 * no bias). Its 2-D rotary position embedding has no parameters. Defaults are
 * {@code PixtralVisionConfig}'s.
 */
final class PixtralVision {
  private PixtralVision() {}

  /** Learned parameters of the encoder described by {@code v}. */
  static long encoderParams(ConfigObject v) {
    long hidden = v.positive(1024, "hidden_size");
    long layers = v.positive(24, "num_hidden_layers");
    long intermediate = v.positive(4096, "intermediate_size");
    long channels = v.positive(3, "num_channels");
    long patch = v.positive(16, "patch_size");
    long patchConv = multiplyExact(multiplyExact(channels, multiplyExact(patch, patch)), hidden);
    long attention = multiplyExact(4, multiplyExact(hidden, hidden));
    long mlp = multiplyExact(3, multiplyExact(hidden, intermediate));
    long layer = addExact(addExact(attention, mlp), 2 * hidden);
    return addExact(addExact(patchConv, hidden), multiplyExact(layers, layer));
  }
}
