package dev.paramscope.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.hardware.HardwareCatalog;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.query.ModelSource;
import dev.paramscope.query.ResolvedModel;
import org.junit.jupiter.api.Test;

/** {@code memory --runtime vllm} answers with the plan's vLLM arithmetic (issue 17 item 5). */
class VllmMemoryTest {
  private static final ResolvedModel LLAMA = ModelSource.resolve("llama-3.1-8b", null);

  private static VllmMemory.Fit fit(String gpu, int tp, long context, long batch) {
    return VllmMemory.fit(LLAMA.architecture().orElseThrow(), LLAMA.count().orElseThrow(), WeightDtype.parse("bf16"),
        KvDtype.BF16, HardwareCatalog.builtIn().find(gpu).orElseThrow(), tp, context, batch);
  }

  @Test
  void cudaShowsLessThanTheNominalMemory() {
    // 79.2 GiB of an 80 GB H100 and 23.58 GiB of a 24 GB RTX 3090 (vllm#10517 total_gpu_memory=23.58GiB)
    assertThat(HardwareCatalog.builtIn().find("h100-sxm").orElseThrow().runtimeVisibleBytes() / (double) (1L << 30))
        .isCloseTo(79.2, org.assertj.core.data.Offset.offset(0.05));
    assertThat(HardwareCatalog.builtIn().find("rtx-3090").orElseThrow().runtimeVisibleBytes() / (double) (1L << 30))
        .isCloseTo(23.58, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void llama31FitsAnH100AsThePlanSaysAndLeavesThePoolLessOneRequest() {
    // PlannerTest.vllmLlama31On80GiB: 28,235 blocks of 2,097,152 bytes = 59,213,086,720 bytes of pool;
    // one 131,072-token request takes 131,072 × 131,072 bytes
    VllmMemory.Fit f = fit("h100-sxm", 1, 131_072, 1);
    assertThat(f.fits()).isTrue();
    assertThat(f.freeBytes()).isEqualTo(59_213_086_720L - 131_072L * 131_072L);
    // four such requests need 68.7 GB: they do not fit one H100, as the plan's concurrency 3.45 says
    assertThat(fit("h100-sxm", 1, 131_072, 4).fits()).isFalse();
  }

  @Test
  void aSmallRemainderIsWhatTheProfiledPeakLeaves() {
    // 24 GB card: 0.9 × 25,323,127,177 − 16,060,522,496 weights − 905,969,664 activation − 375,809,638
    VllmMemory.Fit f = fit("rtx-3090", 1, 8192, 1);
    long pool = (long) Math.floor(25_323_127_177L * 0.9) - 16_060_522_496L - 905_969_664L - 375_809_638L;
    assertThat(f.fits()).isTrue();
    assertThat(f.freeBytes()).isEqualTo(pool / 2_097_152 * 2_097_152 - 8192L * 131_072);
    assertThat(fit("rtx-3090", 1, 131_072, 1).fits()).isFalse();
  }

  @Test
  void aTensorParallelSizeThatDoesNotDivideTheHeadsIsRefused() {
    assertThatThrownBy(() -> fit("h100-sxm", 3, 8192, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--tp 3");
  }

  @Test
  void theActivationPeakIsThePlans() {
    assertThat(VllmMemory.activationPeakBytes(LLAMA.architecture().orElseThrow())).isEqualTo(905_969_664L);
  }
}
