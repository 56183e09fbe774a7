package dev.paramscope.config;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import java.util.List;
import java.util.Locale;

/**
 * Kimi-VL's MoonViT encoder and its projector, counted as the checkpoint stores them (the remote
 * code's modeling_kimi_vl.py; defaults from configuration_kimi_vl.py's {@code MoonViTConfig}).
 *
 * <p>Encoder ({@code MoonVitPretrainedModel}, {@code vision_tower.*}): {@code MoonVisionPatchEmbed}
 * is a biased Conv2d over 3 channels (3·patch² → hidden; the channel count is fixed in the code,
 * not a config key) and {@code Learnable2DInterpPosEmb}, a learned table of
 * {@code init_pos_emb_height} × {@code init_pos_emb_width} × hidden (interpolated to other grids,
 * not grown); {@code num_hidden_layers} {@code MoonVitEncoderLayer}s of two LayerNorms with bias
 * ({@code norm0}, {@code norm1}), a fused {@code wqkv} (hidden → 3·hidden) and {@code wo}
 * (hidden → hidden), both biased ({@code MoonVitPretrainedModel} passes {@code attn_bias=True}),
 * and {@code MLP2} ({@code fc0} hidden → intermediate, {@code fc1} back, both biased); a final
 * LayerNorm. Its 2-D rotary embedding ({@code Rope2DPosEmb}) holds no tensor.
 *
 * <p>Projector ({@code KimiVLMultiModalProjector}, {@code multi_modal_projector.*}): a LayerNorm with
 * bias over the vision width ({@code pre_norm}), then the {@code merge_kernel_size} kh × kw patches
 * concatenated (hidden·kh·kw = m) through {@code linear_1} (m → m) and {@code linear_2} (m → text
 * hidden), both biased.
 */
final class MoonVitVision {
  private MoonVitVision() {}

  /** Learned parameters of the encoder described by {@code v}. */
  static long encoderParams(ConfigObject v) {
    long hidden = v.positive(1152, "hidden_size");
    long layers = v.positive(27, "num_hidden_layers");
    long intermediate = v.positive(4304, "intermediate_size");
    long patch = v.positive(14, "patch_size");
    long positions = multiplyExact(v.positive(64, "init_pos_emb_height"), (long) v.positive(64, "init_pos_emb_width"));
    long patchEmbedding = addExact(multiplyExact(multiplyExact(3, multiplyExact(patch, patch)), hidden), hidden);
    long attention = addExact(multiplyExact(4, multiplyExact(hidden, hidden)), 4 * hidden);
    long mlp = addExact(multiplyExact(2 * hidden, intermediate), addExact(intermediate, hidden));
    long layer = addExact(addExact(attention, mlp), 4 * hidden);
    return addExact(addExact(patchEmbedding, multiplyExact(positions, hidden)),
        addExact(multiplyExact(layers, layer), 2 * hidden));
  }

  /** Learned parameters of the projector from {@code v}'s width into {@code textHidden}. */
  static long projectorParams(ConfigObject v, long textHidden) {
    long hidden = v.positive(1152, "hidden_size");
    long merged = multiplyExact(hidden, mergeArea(v));
    long linear1 = addExact(multiplyExact(merged, merged), merged);
    long linear2 = addExact(multiplyExact(merged, textHidden), textHidden);
    return addExact(2 * hidden, addExact(linear1, linear2));
  }

  /** kh·kw of {@code merge_kernel_size} (default [2, 2]). */
  private static long mergeArea(ConfigObject v) {
    if (!v.has("merge_kernel_size")) {
      return 4;
    }
    List<Integer> kernel = v.intList("merge_kernel_size");
    if (kernel.size() != 2 || kernel.get(0) < 1 || kernel.get(1) < 1) {
      throw v.problem(String.format(Locale.ROOT,
          "merge_kernel_size: expected two positive integers [height, width], got %s", kernel));
    }
    return (long) kernel.get(0) * kernel.get(1);
  }

  /** A one-line description for the report. */
  static String describe(ConfigObject v) {
    return String.format(Locale.ROOT, "MoonViT vision encoder, %d layers of width %d",
        v.positive(27, "num_hidden_layers"), v.positive(1152, "hidden_size"));
  }
}
