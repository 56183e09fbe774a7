package dev.paramscope.config;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.paramscope.model.AudioTower;
import java.util.List;
import java.util.Locale;

/**
 * Gemma 3n's audio encoder ({@code Gemma3nAudioEncoder}, a Universal Speech Model conformer,
 * modeling_gemma3n.py) and its projector {@code embed_audio} ({@code Gemma3nMultimodalEmbedder}),
 * counted as the checkpoint stores them; no linear or conv has a bias.
 *
 * <p>Sub-sample conv projection ({@code Gemma3nAudioSubSampleConvProjection}): two Conv2d blocks
 * (1 → c0 → c1 channels, kernels {@code sscp_conv_kernel_size}), each with a cumulative group
 * norm (one weight per channel); the frequency axis, padded by one on each side, shrinks to
 * {@code (f + 2 - kw) / sw + 1} per block; then {@code input_proj_linear} (c1·f → hidden).
 *
 * <p>Each of {@code conf_num_hidden_layers} conformer blocks, hidden D: two feed-forward halves
 * (RMSNorm, D → 4D → D, RMSNorm: 8D² + 2D each); attention (pre-norm, q/k/v D → D, relative
 * position projection D → D, {@code per_dim_scale} of one head, output D → D, post-norm:
 * 5D² + 2D + D/heads); a light conv (pre-norm, D → 2D GLU, depthwise conv D × kernel, norm,
 * D → D: 3D² + D·kernel + 2D); a final RMSNorm.
 *
 * <p>Projector: an embedding of {@code vocab_size} (128) audio tokens × D, hard and soft embedding
 * RMSNorms (D each), a projection D → text hidden; its post-projection norm has no weight.
 */
final class Gemma3nAudio {
  private Gemma3nAudio() {}

  static AudioTower read(ConfigObject a, int textHidden) {
    long hidden = a.positive(1536, "hidden_size");
    int heads = a.positive(8, "conf_num_attention_heads");
    if (hidden % heads != 0) {
      throw a.problem(String.format(Locale.ROOT,
          "hidden_size (%d) must be divisible by conf_num_attention_heads (%d)", hidden, heads));
    }
    long layers = a.positive(12, "conf_num_hidden_layers");
    long kernel = a.positive(5, "conf_conv_kernel_size");
    long block = addExact(addExact(multiplyExact(24, multiplyExact(hidden, hidden)), multiplyExact(9, hidden)),
        addExact(hidden / heads, multiplyExact(hidden, kernel)));
    long encoder = addExact(subsampling(a, hidden), multiplyExact(layers, block));
    long projector = addExact(addExact(multiplyExact((long) a.positive(128, "vocab_size"), hidden), 2 * hidden),
        multiplyExact(hidden, textHidden));
    return new AudioTower(encoder, projector, String.format(Locale.ROOT,
        "Gemma 3n USM audio encoder, %d conformer blocks of width %d", layers, hidden));
  }

  /** The two conv blocks and the input projection of the sub-sample conv projection. */
  private static long subsampling(ConfigObject a, long hidden) {
    List<Integer> channels = a.has("sscp_conv_channel_size") ? a.intList("sscp_conv_channel_size") : List.of(128, 32);
    List<List<Integer>> kernels = a.has("sscp_conv_kernel_size") ? a.intLists("sscp_conv_kernel_size")
        : List.of(List.of(3, 3), List.of(3, 3));
    List<List<Integer>> strides = a.has("sscp_conv_stride_size") ? a.intLists("sscp_conv_stride_size")
        : List.of(List.of(2, 2), List.of(2, 2));
    if (channels.size() != 2 || kernels.size() != 2 || strides.size() != 2) {
      throw a.problem("sscp_conv_channel_size, sscp_conv_kernel_size and sscp_conv_stride_size must each "
          + "describe the two sub-sampling convolutions");
    }
    long params = 0;
    long in = 1;
    long frequency = a.positive(128, "input_feat_size");
    for (int i = 0; i < 2; i++) {
      List<Integer> k = kernels.get(i);
      List<Integer> s = strides.get(i);
      if (k.size() != 2 || s.size() != 2 || k.get(0) == 0 || k.get(1) == 0 || s.get(1) == 0 || channels.get(i) == 0) {
        throw a.problem("sub-sampling convolution " + i + ": kernel and stride need two positive sizes, "
            + "channels must be positive");
      }
      long out = channels.get(i);
      params = addExact(params, addExact(multiplyExact(multiplyExact(in, out), (long) k.get(0) * k.get(1)), out));
      frequency = (frequency + 2 - k.get(1)) / s.get(1) + 1;
      if (frequency <= 0) {
        throw a.problem("input_feat_size is too small for the sub-sampling convolutions");
      }
      in = out;
    }
    return addExact(params, multiplyExact(multiplyExact(in, frequency), hidden));
  }
}
