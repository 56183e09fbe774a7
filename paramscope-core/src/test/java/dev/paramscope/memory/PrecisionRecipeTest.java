package dev.paramscope.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.query.ModelSource;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-role precision recipes of published quantized checkpoints. */
class PrecisionRecipeTest {
  private static final double GIB = 1L << 30;

  private static ModelArchitecture arch(String id) {
    return ModelSource.resolve(id, null).architecture().orElseThrow();
  }

  /**
   * OpenAI, "gpt-oss-120b & gpt-oss-20b Model Card" (arXiv:2508.10925), Table 1: checkpoints of 60.8
   * GiB and 12.8 GiB, MXFP4 experts (4.25 bits) and everything else BF16.
   */
  @ParameterizedTest
  @CsvSource({"gpt-oss-120b, 60.8", "gpt-oss-20b, 12.8"})
  void gptOssCheckpointSizes(String id, double gib) {
    ModelArchitecture a = arch(id);
    long bytes = WeightDtype.parse("gpt-oss-mxfp4").bytes(a, ParameterCounter.count(a));
    assertThat(bytes / GIB).isCloseTo(gib, Percentage.withPercentage(0.5));
  }

  /** Worked by hand: each role at its bits, rounded up to a byte. */
  @Test
  void bytesAreEachRoleAtItsBits() {
    ModelArchitecture a = arch("llama-3.1-8b");
    ParameterCount c = ParameterCounter.count(a);
    long bf16 = 2L * (c.params(Component.EMBEDDINGS) + c.params(Component.ATTENTION) + c.params(Component.NORMS)
        + c.params(Component.LM_HEAD));
    assertThat(PrecisionRecipe.FP8_MLP.bytes(c)).isEqualTo(bf16 + c.params(Component.MLP));
    // GPTQ with group_size 128: 4 bits + one FP16 scale and one 4-bit zero per 128 weights.
    assertThat(PrecisionRecipe.GPTQ_INT4.bitsPerWeight(Component.MLP)).isEqualTo(4.15625);
    assertThat(PrecisionRecipe.GPTQ_INT4.bitsPerWeight(Component.LM_HEAD)).isEqualTo(16);
    assertThat(PrecisionRecipe.NVFP4.bitsPerWeight(Component.ATTENTION)).isEqualTo(4.5);
  }

  /**
   * Kimi K2 Thinking ships its routed experts in INT4 (compressed-tensors, symmetric, one BF16 scale
   * per 32 weights) and what its ignore list names in BF16: worked by hand, 4.5 bits for each routed
   * expert weight and 16 for every other parameter.
   */
  @Test
  void kimiK2ThinkingShipsInt4ExpertsOnly() {
    ModelArchitecture a = arch("kimi-k2-thinking");
    ParameterCount c = ParameterCounter.count(a);
    assertThat(PrecisionRecipe.forQuantization(a.quantized().orElseThrow())).contains(PrecisionRecipe.INT4_EXPERTS);
    long experts = c.params(Component.ROUTED_EXPERTS);
    assertThat(experts).isEqualTo(1_014_686_023_680L);
    long rest = c.totalParams() - experts;
    assertThat(WeightDtype.forCheckpoint(a).bytes(a, c)).isEqualTo(experts * 9 / 16 + 2 * rest);
    // Kimi K2 Instruct, block FP8 throughout, keeps its own recipe.
    assertThat(PrecisionRecipe.forQuantization(arch("kimi-k2").quantized().orElseThrow()))
        .contains(PrecisionRecipe.FP8_DYNAMIC);
  }

  @Test
  void recipesParseAsDtypesAndComputeIn16Bit() {
    WeightDtype d = WeightDtype.parse("FP8-MLP");
    assertThat(d.label()).isEqualTo("fp8-mlp");
    assertThat(d.recipe()).isEqualTo(PrecisionRecipe.FP8_MLP);
    assertThat(WeightDtype.parse("q4_0").recipe()).isNull();
    assertThatThrownBy(() -> WeightDtype.parse("fp8-everything")).hasMessageContaining("gpt-oss-mxfp4");
  }
}
