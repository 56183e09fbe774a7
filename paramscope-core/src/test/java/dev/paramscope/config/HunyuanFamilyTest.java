package dev.paramscope.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import org.junit.jupiter.api.Test;

/** Hunyuan's per-layer MoE lists, q/k norms and the refused cross-layer attention. */
class HunyuanFamilyTest {
  private static ModelArchitecture parse(String json) {
    return ConfigReader.parse(json, "test.json", null);
  }

  @Test
  void perLayerListsGiveEachLayerItsOwnMixture() {
    ModelArchitecture arch = parse("""
        {"model_type":"hunyuan_v1_moe","hidden_size":64,"intermediate_size":32,"num_hidden_layers":2,
         "num_attention_heads":4,"num_key_value_heads":2,"vocab_size":100,"num_experts":8,
         "moe_topk":[2,4],"moe_intermediate_size":[16,24],"num_shared_expert":[1,2]}""");
    MixtureOfExperts first = (MixtureOfExperts) arch.layers().get(0).feedForward();
    MixtureOfExperts second = (MixtureOfExperts) arch.layers().get(1).feedForward();
    assertThat(first.numExpertsPerTok()).isEqualTo(2);
    assertThat(second.numExpertsPerTok()).isEqualTo(4);
    assertThat(second.expertIntermediateSize()).isEqualTo(24);
    // shared_mlp is num_shared_expert experts wide (HunYuanMLP is_shared_mlp).
    assertThat(second.numSharedExperts()).isEqualTo(2);
    assertThat(second.scoreCorrectionBias()).isFalse();
  }

  @Test
  void denseLayersCarryPerHeadQueryAndKeyNorms() {
    // HunYuanDenseV1Attention: q 64 x 64, k and v 64 x 32, o 64 x 64, query/key_layernorm 16 each;
    // MLP 3 x 64 x 32 without bias.
    ParameterCount count = ParameterCounter.count(parse("""
        {"model_type":"hunyuan_v1_dense","hidden_size":64,"intermediate_size":32,"num_hidden_layers":1,
         "num_attention_heads":4,"num_key_value_heads":2,"vocab_size":100,"tie_word_embeddings":true}"""));
    assertThat(count.params(Component.ATTENTION)).isEqualTo(4096L + 2 * 2048 + 4096 + 32);
    assertThat(count.params(Component.MLP)).isEqualTo(3L * 64 * 32);
  }

  @Test
  void crossLayerAttentionAndMisSizedListsAreOneClearError() {
    assertThatThrownBy(() -> parse("""
        {"model_type":"hunyuan_v1_moe","hidden_size":64,"num_hidden_layers":2,"num_attention_heads":4,
         "use_cla":true,"cla_share_factor":2}""")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("use_cla: cross-layer attention (K/V shared by every 2 layers) is not supported yet");
    assertThatThrownBy(() -> parse("""
        {"model_type":"hunyuan_v1_moe","hidden_size":64,"num_hidden_layers":2,"num_attention_heads":4,
         "num_experts":4,"moe_topk":[2]}""")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("moe_topk lists 1 values but num_hidden_layers is 2");
  }
}
