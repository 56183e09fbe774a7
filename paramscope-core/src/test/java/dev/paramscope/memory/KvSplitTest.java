package dev.paramscope.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.count.ParameterCounter;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.query.ModelSource;
import org.junit.jupiter.api.Test;

/** Tensor parallelism splits the KV cache by KV head: an MLA latent not at all, GQA heads up to their count. */
class KvSplitTest {
  private static MemoryEstimate estimate(String id, long context, long batch) {
    ModelArchitecture a = ModelSource.resolve(id, null).architecture().orElseThrow();
    return new MemoryEstimator(a, ParameterCounter.count(a))
        .estimate(context, batch, WeightDtype.parse("bf16"), KvDtype.BF16, InferenceRuntime.VLLM, 0);
  }

  /** DeepSeek-V3: 61 layers × (512 + 64) × 2 bytes per token, whole on every GPU. */
  @Test
  void everyGpuHoldsTheWholeMlaLatent() {
    MemoryEstimate e = estimate("deepseek-v3", 131_072, 8);
    assertThat(e.kvCacheBytes()).isEqualTo(61L * 576 * 2 * 131_072 * 8);
    assertThat(e.kvCacheBytesPerGpu(1)).isEqualTo(e.kvCacheBytes());
    assertThat(e.kvCacheBytesPerGpu(8)).isEqualTo(e.kvCacheBytes());
    assertThat(e.perGpuBytes(8) - e.perGpuBytes(16)).isLessThan(e.weightsBytes() / 8);
  }

  /** Llama 3.1 8B has 8 KV heads: up to 8 GPUs each holds 1/n, beyond that 1/8 (heads replicated). */
  @Test
  void kvHeadsAreReplicatedWhenGpusOutnumberThem() {
    MemoryEstimate e = estimate("llama-3.1-8b", 8192, 4);
    assertThat(e.kvCacheBytesPerGpu(2)).isEqualTo(e.kvCacheBytes() / 2);
    assertThat(e.kvCacheBytesPerGpu(8)).isEqualTo(e.kvCacheBytes() / 8);
    assertThat(e.kvCacheBytesPerGpu(16)).isEqualTo(e.kvCacheBytes() / 8);
    assertThat(e.kvCacheBytesPerGpu(64)).isEqualTo(e.kvCacheBytes() / 8);
  }

  /** Recurrent layers cache no KV; Qwen3-Next's 12 attention layers have 2 KV heads each. */
  @Test
  void hybridModelsSplitOnlyTheirAttentionLayers() {
    MemoryEstimate e = estimate("qwen3-next-80b-a3b", 65_536, 1);
    assertThat(e.kvCacheBytesPerGpu(4)).isEqualTo(e.kvCacheBytes() / 2);
  }
}
