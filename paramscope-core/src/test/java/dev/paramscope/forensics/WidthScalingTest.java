package dev.paramscope.forensics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.query.ModelSource;
import dev.paramscope.query.ResolvedModel;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WidthScalingTest {
  private static final List<WidthScaling> FITS = WidthScaling.fromCatalog();

  /** A width read as the rank (interval [d, d + 1]) gives parameter ranges that hold the true counts. */
  @ParameterizedTest
  @ValueSource(strings = {"llama-3.1-8b", "llama-3.1-405b", "qwen2.5-72b", "gemma-2-27b", "mixtral-8x7b",
      "deepseek-v3", "qwen3-235b-a22b", "gpt-oss-120b"})
  void openModelsLieInsideTheirFit(String id) {
    ResolvedModel model = ModelSource.resolve(id, null);
    var arch = model.architecture().orElseThrow();
    WidthScaling fit = FITS.get(arch.isMixtureOfExperts() ? 1 : 0);
    double[] total = fit.totalParams(arch.hiddenSize(), arch.hiddenSize() + 1, arch.vocabSize());
    double[] active = fit.activeParams(arch.hiddenSize(), arch.hiddenSize() + 1, arch.vocabSize());
    assertThat(model.totalParams()).isBetween((long) total[0], (long) Math.ceil(total[1]));
    assertThat(model.activeParams()).isBetween((long) active[0], (long) Math.ceil(active[1]));
    assertThat(ClaimCheck.outside(model.totalParams(), arch.isMixtureOfExperts() ? model.activeParams() : null,
        intervals(arch.hiddenSize(), arch.vocabSize()))).isEmpty();
  }

  private static List<SizeInterval> intervals(int width, int vocabulary) {
    double[] dense = FITS.get(0).totalParams(width, width + 1, vocabulary);
    double[] moe = FITS.get(1).totalParams(width, width + 1, vocabulary);
    double[] moeActive = FITS.get(1).activeParams(width, width + 1, vocabulary);
    return List.of(new SizeInterval("logit_rank_dense", "total_params", dense[0], dense[1], false),
        new SizeInterval("logit_rank_moe", "total_params", moe[0], moe[1], false),
        new SizeInterval("logit_rank_moe", "active_params", moeActive[0], moeActive[1], false));
  }

  @org.junit.jupiter.api.Test
  void theFitsAreOverTheCatalogsWideModels() {
    assertThat(FITS.get(0).kind()).isEqualTo("dense");
    assertThat(FITS.get(0).models()).isGreaterThanOrEqualTo(30);
    assertThat(FITS.get(1).models()).isGreaterThanOrEqualTo(10);
    // Kaplan et al.'s 12·L·d² with L/d ≈ 0.008 gives c ≈ 0.1: inside the dense fit.
    assertThat(FITS.get(0).bodyPerWidthCubedLow()).isLessThan(0.1);
    assertThat(FITS.get(0).bodyPerWidthCubedHigh()).isGreaterThan(0.1);
    assertThat(FITS.get(1).bodyPerWidthCubedHigh()).isGreaterThan(FITS.get(0).bodyPerWidthCubedHigh());
  }
}
