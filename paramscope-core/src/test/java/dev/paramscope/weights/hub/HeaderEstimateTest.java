package dev.paramscope.weights.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderEstimateTest {
  // Llama-style shards: one holds the embedding alone, the other four layer tensors.
  private static HeaderEstimate llamaShards() {
    HeaderEstimate estimate = new HeaderEstimate();
    estimate.add("model.embed_tokens.weight", "a.safetensors");
    for (String t : new String[] {"q_proj", "k_proj", "v_proj", "o_proj"}) {
      estimate.add("model.layers.0.self_attn." + t + ".weight", "b.safetensors");
    }
    return estimate;
  }

  @Test
  void firstReadCoversNamesTensorsAndFixedBytes() {
    // 8+2+32+7 fixed, 64 slack, "model.embed_tokens.weight" quoted (27), one tensor at 88.
    assertThat(llamaShards().firstRead("a.safetensors", 65536)).isEqualTo(49 + 64 + 27 + 88);
    assertThat(llamaShards().firstRead("unknown.safetensors", 65536)).isEqualTo(65536);
  }

  @Test
  void theGuessFollowsTheMostBytesPerTensorSeenWithAMargin() {
    HeaderEstimate estimate = llamaShards();
    // Four quoted names of 40 bytes whose header came back with 60 bytes a tensor besides names.
    estimate.observe("b.safetensors", 49 + 4 * 40 + 4 * 60);
    assertThat(estimate.firstRead("a.safetensors", 65536)).isEqualTo((int) Math.ceil(49 + 64 + 27 + 1.02 * 60));
    estimate.observe("b.safetensors", 49 + 4 * 40 + 4 * 50); // a smaller one does not lower it
    assertThat(estimate.firstRead("a.safetensors", 65536)).isEqualTo((int) Math.ceil(49 + 64 + 27 + 1.02 * 60));
  }

  @Test
  void aLongerHeaderRaisesTheGuessWithAMargin() {
    HeaderEstimate estimate = llamaShards();
    estimate.observe("b.safetensors", 49 + 4 * 40 + 4 * 100);
    assertThat(estimate.firstRead("a.safetensors", 65536)).isEqualTo((int) Math.ceil(49 + 64 + 27 + 1.02 * 100));
  }
}
