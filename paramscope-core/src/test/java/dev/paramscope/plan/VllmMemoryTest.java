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

  /** The pool as determine_available_memory leaves it, in whole 2 MiB blocks (bf16 Llama-3.1-8B, TP 1). */
  private static long poolInBlocks(String gpu, long activationBytes) {
    long total = HardwareCatalog.builtIn().find(gpu).orElseThrow().runtimeVisibleBytes();
    long pool = (long) Math.floor(total * 0.9) - 16_060_522_496L - activationBytes - 375_809_638L;
    return pool / 2_097_152 * 2_097_152;
  }

  @Test
  void llama31FitsAnH100AsThePlanSaysAndLeavesThePoolLessOneRequest() {
    // V1 on an H100 profiles the sampler at 1024 requests: 1024 × 128,256 × 38 + 8192 × 4096 × 2 bytes
    VllmMemory.Fit f = fit("h100-sxm", 1, 131_072, 1);
    assertThat(f.fits()).isTrue();
    assertThat(f.freeBytes()).isEqualTo(poolInBlocks("h100-sxm", 5_057_806_336L) - 131_072L * 131_072L);
    // three such requests need 51.5 GB of the 55 GB pool; four (68.7 GB) do not fit one H100
    assertThat(fit("h100-sxm", 1, 131_072, 3).fits()).isTrue();
    assertThat(fit("h100-sxm", 1, 131_072, 4).fits()).isFalse();
  }

  @Test
  void aSmallRemainderIsWhatTheProfiledPeakLeaves() {
    // 24 GB card: vllm serve's 256 sequences and 2048 tokens, 256 × 128,256 × 38 + 2048 × 4096 × 2 bytes
    VllmMemory.Fit f = fit("rtx-3090", 1, 8192, 1);
    assertThat(f.fits()).isTrue();
    assertThat(f.freeBytes()).isEqualTo(poolInBlocks("rtx-3090", 1_264_451_584L) - 8192L * 131_072);
    assertThat(fit("rtx-3090", 1, 131_072, 1).fits()).isFalse();
  }

  @Test
  void aTensorParallelSizeThatDoesNotDivideTheHeadsIsRefused() {
    assertThatThrownBy(() -> fit("h100-sxm", 3, 8192, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--tp 3");
  }

  @Test
  void theActivationPeakIsThePlansAtEachGpusDefaults() {
    var arch = LLAMA.architecture().orElseThrow();
    var catalog = HardwareCatalog.builtIn();
    // H100: the sampler at 1024 requests dominates the 8192-token forward pass (905,969,664 bytes)
    assertThat(VllmMemory.activationPeakBytes(arch, catalog.find("h100-sxm").orElseThrow(), 131_072))
        .isEqualTo(5_057_806_336L);
    // A100 80GB keeps the small defaults (arg_utils excludes A100 by name), as do 24 GB cards and no GPU
    assertThat(VllmMemory.activationPeakBytes(arch, catalog.find("a100-80gb-sxm").orElseThrow(), 131_072))
        .isEqualTo(1_264_451_584L);
    assertThat(VllmMemory.activationPeakBytes(arch, catalog.find("rtx-3090").orElseThrow(), 8192))
        .isEqualTo(1_264_451_584L);
    assertThat(VllmMemory.activationPeakBytes(arch, null, 8192)).isEqualTo(1_264_451_584L);
    // a 4-token context caps the token budget at 256 × 4 = 1024 and the sampler at 1024 requests' tokens
    assertThat(VllmMemory.activationPeakBytes(arch, null, 4))
        .isEqualTo(256L * 128_256 * 38 + 1024L * 4096 * 2);
  }
}
