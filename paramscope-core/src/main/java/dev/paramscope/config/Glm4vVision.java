package dev.paramscope.config;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.paramscope.model.VisionTower;
import java.util.Locale;

/**
 * The GLM-4.1V/GLM-4.5V vision encoder and its projector ({@code Glm4vVisionModel},
 * modeling_glm4v.py; {@code Glm4vMoeVisionModel}, modeling_glm4v_moe.py), counted as the
 * checkpoint stores them under {@code model.visual}.
 *
 * <p>Encoder: a learned position table of (image/patch)² rows ({@code Glm4vVisionEmbeddings}), a
 * biased Conv3d patch embedding (channels·temporal_patch·patch² → hidden), an RMSNorm after it
 * ({@code post_conv_layernorm}), {@code depth} blocks ({@code Glm4vVisionBlock}: RMSNorms
 * {@code norm1}/{@code norm2}, a fused qkv hidden → 3·hidden biased only when
 * {@code attention_bias}, an unbiased output projection, and an unbiased SwiGLU MLP whose width
 * is {@code out_hidden_size}, not {@code intermediate_size}), and a final RMSNorm
 * ({@code post_layernorm}).
 *
 * <p>Projector: the spatial merge into the language model's width, a biased Conv2d
 * ({@code downsample}, hidden → out_hidden_size, kernel merge×merge), then
 * {@code Glm4vVisionPatchMerger}: {@code proj} (out → out), a LayerNorm with bias
 * ({@code post_projection_norm}) and an unbiased SwiGLU of {@code intermediate_size}; none of the
 * merger's linears has a bias.
 */
final class Glm4vVision {
  private Glm4vVision() {}

  static VisionTower read(ConfigObject v) {
    long hidden = v.positive(1536, "hidden_size");
    long depth = v.positive(24, "depth");
    long out = v.positive(4096, "out_hidden_size");
    long intermediate = v.positive(13696, "intermediate_size");
    long patch = v.positive(14, "patch_size");
    long image = v.positive(336, "image_size");
    long temporal = v.positive(2, "temporal_patch_size");
    long channels = v.positive(3, "in_channels");
    long merge = v.positive(2, "spatial_merge_size");
    boolean qkvBias = v.bool("attention_bias", false);
    if (image < patch) {
      throw v.problem(String.format(Locale.ROOT, "image_size (%d) is smaller than patch_size (%d)", image, patch));
    }
    long side = image / patch;
    long positions = multiplyExact(multiplyExact(side, side), hidden);
    long patchEmbedding = addExact(multiplyExact(multiplyExact(channels * temporal, multiplyExact(patch, patch)), hidden),
        hidden);
    long qkv = addExact(multiplyExact(hidden, 3 * hidden), qkvBias ? 3 * hidden : 0);
    long mlp = multiplyExact(3 * hidden, out);
    long block = addExact(addExact(2 * hidden, qkv), addExact(multiplyExact(hidden, hidden), mlp));
    long encoder = addExact(addExact(positions, patchEmbedding), addExact(multiplyExact(depth, block), 2 * hidden));
    long downsample = addExact(multiplyExact(multiplyExact(hidden, out), multiplyExact(merge, merge)), out);
    long merger = addExact(addExact(multiplyExact(out, out), 2 * out), multiplyExact(3 * out, intermediate));
    return new VisionTower(encoder, addExact(downsample, merger), String.format(Locale.ROOT,
        "GLM-4V vision encoder, %d blocks of width %d, merged into %d", depth, hidden, out));
  }
}
