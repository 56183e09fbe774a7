package dev.paramscope.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.count.ParameterCount;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import org.junit.jupiter.api.Test;

/** ERNIE 4.5's mixture placement, biases and MTP modules (modular_ernie4_5_moe.py). */
class Ernie45FamilyTest {
  private static final String TINY = """
      {"model_type":"ernie4_5_moe","hidden_size":64,"intermediate_size":96,"num_hidden_layers":6,
       "num_attention_heads":4,"num_key_value_heads":2,"vocab_size":100,"moe_num_experts":8,"moe_k":2,
       "moe_intermediate_size":16,"moe_num_shared_experts":%d,"moe_layer_start_index":1,
       "moe_layer_end_index":%d,"moe_layer_interval":%d%s}""";

  private static ModelArchitecture parse(String json) {
    return ConfigReader.parse(json, "test.json", null);
  }

  @Test
  void mixturesRunFromTheStartToTheEndIndexEveryInterval() {
    // Ernie4_5_MoeDecoderLayer: (i + 1) % interval == 0 and start <= i <= end; end -1 is the last layer.
    assertThat(parse(TINY.formatted(2, -1, 1, "")).layers()).extracting(l -> l.feedForward() instanceof MixtureOfExperts)
        .containsExactly(false, true, true, true, true, true);
    assertThat(parse(TINY.formatted(2, 4, 2, "")).layers()).extracting(l -> l.feedForward() instanceof MixtureOfExperts)
        .containsExactly(false, true, false, true, false, false);
  }

  @Test
  void sharedExpertsAndTheCorrectionBiasAreCountedPerMixture() {
    ModelArchitecture arch = parse(TINY.formatted(2, -1, 1, ""));
    MixtureOfExperts moe = (MixtureOfExperts) arch.layers().get(1).feedForward();
    assertThat(moe.numSharedExperts()).isEqualTo(2);
    assertThat(moe.sharedExpertIntermediateSize()).isEqualTo(16);
    assertThat(moe.scoreCorrectionBias()).isTrue();
    // No shared experts: one MLP of 0 x 16 is none at all.
    MixtureOfExperts none = (MixtureOfExperts) parse(TINY.formatted(0, -1, 1, "")).layers().get(1).feedForward();
    assertThat(none.numSharedExperts()).isZero();
  }

  @Test
  void mtpModulesAreADenseLayerWithoutFinalNormOrEmbeddingCopy() {
    // ErnieMultiTokenPredictorLayer (vLLM ernie_mtp.py): emb and hidden norms 2 x 64, linear_proj 128 x 64,
    // dense layer: attention 64 x 64 x 2 + 64 x 32 x 2 = 12,288, MLP 3 x 64 x 96 = 18,432, norms 128.
    ParameterCount count = ParameterCounter.count(parse(TINY.formatted(2, -1, 1, ",\"num_nextn_predict_layers\":1")));
    assertThat(count.extraParams()).isEqualTo(128L + 8192 + 12_288 + 18_432 + 128);
  }

  @Test
  void useBiasPutsBiasesOnAttentionMlpAndTheMoeHeadOnly() {
    ModelArchitecture moe = parse(TINY.formatted(0, -1, 1, ",\"use_bias\":true"));
    assertThat(moe.lmHeadBias()).isTrue();
    ModelArchitecture dense = parse("""
        {"model_type":"ernie4_5","hidden_size":64,"intermediate_size":96,"num_hidden_layers":1,
         "num_attention_heads":4,"num_key_value_heads":2,"vocab_size":100,"use_bias":true}""");
    // Ernie4_5ForCausalLM's lm_head never has a bias; head_dim defaults to 128, not hidden / heads.
    assertThat(dense.lmHeadBias()).isFalse();
    assertThat(((dev.paramscope.model.MultiHeadAttention) dense.layers().get(0).attention()).headDim()).isEqualTo(128);
  }
}
