package dev.paramscope.config;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

/**
 * The SigLIP vision encoder ({@code SiglipVisionModel}, modeling_siglip.py), counted as the
 * checkpoint stores it: a biased Conv2d patch embedding (channels·patch² → hidden), a learned
 * position table of (image/patch)² rows, {@code num_hidden_layers} encoder layers of two
 * LayerNorms, biased q/k/v/out projections (hidden → hidden) and a biased GELU MLP (hidden →
 * intermediate → hidden), a final {@code post_layernorm}, and, unless {@code vision_use_head} is
 * false, the attention-pooling head ({@code SiglipMultiheadAttentionPoolingHead}: a probe row,
 * {@code nn.MultiheadAttention}'s packed in-projection and out-projection, a LayerNorm and an MLP).
 * Defaults are {@code SiglipVisionConfig}'s.
 */
final class SiglipVision {
  private SiglipVision() {}

  /** Learned parameters of the encoder described by {@code v}. */
  static long encoderParams(ConfigObject v) {
    long hidden = v.positive(768, "hidden_size");
    long layers = v.positive(12, "num_hidden_layers");
    long intermediate = v.positive(3072, "intermediate_size");
    long channels = v.positive(3, "num_channels");
    long image = v.positive(224, "image_size");
    long patch = v.positive(16, "patch_size");
    long side = image / patch;
    long patchEmbedding = addExact(multiplyExact(multiplyExact(channels, multiplyExact(patch, patch)), hidden), hidden);
    long positions = multiplyExact(multiplyExact(side, side), hidden);
    long attention = multiplyExact(4, addExact(multiplyExact(hidden, hidden), hidden));
    long mlp = mlpParams(hidden, intermediate);
    long layer = addExact(addExact(attention, mlp), 4 * hidden);
    long encoder = addExact(addExact(patchEmbedding, positions), addExact(multiplyExact(layers, layer), 2 * hidden));
    if (!v.bool("vision_use_head", true)) {
      return encoder;
    }
    // probe (hidden) + in_proj (3·hidden² + 3·hidden) + out_proj (hidden² + hidden) + LayerNorm + MLP.
    long head = addExact(addExact(hidden, multiplyExact(4, addExact(multiplyExact(hidden, hidden), hidden))),
        addExact(2 * hidden, mlp));
    return addExact(encoder, head);
  }

  /** fc1 (hidden → intermediate) and fc2 (intermediate → hidden), both biased. */
  private static long mlpParams(long hidden, long intermediate) {
    return addExact(multiplyExact(2 * hidden, intermediate), addExact(intermediate, hidden));
  }
}
