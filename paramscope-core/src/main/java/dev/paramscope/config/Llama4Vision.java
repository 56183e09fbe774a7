package dev.paramscope.config;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.paramscope.model.VisionTower;
import java.util.Locale;

/**
 * The Llama 4 vision encoder and projector ({@code Llama4VisionModel},
 * {@code Llama4MultiModalProjector}, modeling_llama4.py), counted as the checkpoint stores them:
 * an unfold patch embedding (channels·patch² → hidden, no bias), a class embedding (hidden), a
 * position table ((image/patch)² + 1 rows), LayerNorms before and after the encoder, encoder layers
 * of biased q/k/v/o (hidden → hidden), a biased GELU MLP (hidden → intermediate → hidden) and two
 * LayerNorms, then the pixel-shuffle adapter (intermediate → projector_input_dim,
 * projector_output_dim → projector_output_dim, no biases); the projector maps
 * {@code vision_output_dim} to the text hidden size without bias.
 */
final class Llama4Vision {
  private Llama4Vision() {}

  static VisionTower read(ConfigObject v, int textHidden) {
    long hidden = v.positive(768, "hidden_size");
    long layers = v.positive(34, "num_hidden_layers");
    long intermediate = v.positive(5632, "intermediate_size");
    long patch = v.positive(14, "patch_size");
    long image = v.positive(448, "image_size");
    long channels = v.positive(3, "num_channels");
    long side = image / patch;
    long patchEmbedding = multiplyExact(multiplyExact(channels, multiplyExact(patch, patch)), hidden);
    long positions = multiplyExact(addExact(multiplyExact(side, side), 1), hidden);
    long attention = multiplyExact(4, addExact(multiplyExact(hidden, hidden), hidden));
    long mlp = addExact(multiplyExact(2 * hidden, intermediate), intermediate + hidden);
    long layer = addExact(addExact(attention, mlp), 4 * hidden);
    long adapter = addExact(multiplyExact(intermediate, v.positive(4096, "projector_input_dim")),
        multiplyExact((long) v.positive(4096, "projector_output_dim"), v.positive(4096, "projector_output_dim")));
    long encoder = addExact(addExact(addExact(patchEmbedding, hidden), addExact(positions, 4 * hidden)),
        addExact(multiplyExact(layers, layer), adapter));
    long projector = multiplyExact((long) v.positive(7680, "vision_output_dim"), textHidden);
    return new VisionTower(encoder, projector, String.format(Locale.ROOT,
        "Llama 4 vision encoder, %d layers of width %d", layers, hidden));
  }
}
