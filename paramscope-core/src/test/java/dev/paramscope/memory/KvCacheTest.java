package dev.paramscope.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.count.ParameterCounter;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.query.ModelSource;
import org.junit.jupiter.api.Test;

/** KV-cache facts from public sources, on the catalog's published configs. */
class KvCacheTest {
  private static ModelArchitecture arch(String id) {
    return ModelSource.resolve(id, null).architecture().orElseThrow();
  }

  @Test
  void llama31With8KvHeadsOf128() {
    // Llama-3.1-8B: 32 layers x 2 (K, V) x 8 KV heads x 128 x 2 bytes = 131,072 bytes per token
    // (GQA; Meta's model card: 8 KV heads; e.g. vLLM reports 128 KiB per token).
    assertThat(new KvCache(arch("llama-3.1-8b")).bytesPerTokenFullLayers(KvDtype.BF16)).isEqualTo(131_072L);
  }

  @Test
  void deepseekV2LiteCachesTheLatent() {
    // DeepSeek-V2 §2.1.2: MLA caches (d_c + d_h^R) = 512 + 64 values per token per layer; 27 layers, 2 bytes.
    assertThat(new KvCache(arch("deepseek-v2-lite")).bytesPerTokenFullLayers(KvDtype.BF16))
        .isEqualTo(27L * (512 + 64) * 2);
  }

  @Test
  void gemma2SlidingWindowOnAlternateLayers() {
    // Gemma-2-9B: 42 layers alternating a 4096-token window and global attention, 8 KV heads of 256.
    // At context 8192: 8192 bytes/token/layer x (21 x 8192 + 21 x 4096) = 2,113,929,216 bytes.
    KvCache kv = new KvCache(arch("gemma-2-9b"));
    assertThat(kv.bytes(8192, 1, KvDtype.BF16)).isEqualTo(2_113_929_216L);
    assertThat(kv.slidingLayers()).isEqualTo(21);
  }

  @Test
  void mistralWindowCapsEveryLayer() {
    // Mistral-7B-v0.1: sliding_window 4096 on all 32 layers; 8 KV heads of 128: 131,072 bytes per
    // token, so at 32k context only 4096 tokens are held: 4096 x 131,072 = 536,870,912 bytes.
    KvCache kv = new KvCache(arch("mistral-7b-v0.1"));
    assertThat(kv.bytes(32_768, 1, KvDtype.BF16)).isEqualTo(4096L * 131_072);
  }

  @Test
  void quantizedCachesCountTheirBlockScales() {
    // q8_0: 34 bytes per 32 values. Llama-3.1-8B per token per layer: 2 x 8 x 128 = 2048 values = 64 blocks.
    assertThat(new KvCache(arch("llama-3.1-8b")).bytesPerTokenFullLayers(KvDtype.Q8_0)).isEqualTo(32L * 64 * 34);
    assertThat(new KvCache(arch("llama-3.1-8b")).bytesPerTokenFullLayers(KvDtype.Q4_0)).isEqualTo(32L * 64 * 18);
  }

  @Test
  void batchAndContextScaleLinearly() {
    KvCache kv = new KvCache(arch("qwen3-8b"));
    // Qwen3-8B: 36 layers, 8 KV heads of 128: 147,456 bytes per token.
    assertThat(kv.bytesPerTokenFullLayers(KvDtype.BF16)).isEqualTo(36L * 2 * 8 * 128 * 2);
    assertThat(kv.bytes(4096, 8, KvDtype.BF16)).isEqualTo(8L * 4096 * 147_456);
  }

  @Test
  void moeMemoryHoldsEveryExpert() {
    // Mixtral-8x7B: all 46.7B parameters are resident, not the 12.9B active ones.
    ModelArchitecture a = arch("mixtral-8x7b");
    MemoryEstimator m = new MemoryEstimator(a, ParameterCounter.count(a));
    MemoryEstimate e = m.estimate(4096, 1, WeightDtype.parse("bf16"), KvDtype.BF16, InferenceRuntime.VLLM, -1);
    assertThat(e.weightsBytes()).isEqualTo(2L * 46_702_792_704L);
    assertThat(m.count().activeParams()).isEqualTo(12_879_925_248L);
  }
}
