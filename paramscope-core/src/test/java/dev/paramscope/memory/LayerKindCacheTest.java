package dev.paramscope.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.config.ConfigReader;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.memory.KvCache.KindShare;
import dev.paramscope.model.LayerKind;
import dev.paramscope.model.ModelArchitecture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cache and state sizes per layer kind, worked by hand from each model's published config. */
class LayerKindCacheTest {
  private static ModelArchitecture published(String name) throws IOException {
    return ConfigReader.parse(resource(name), name, null);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LayerKindCacheTest.class.getResourceAsStream("/dev/paramscope/count/published/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void qwen3NextCachesOnlyItsFullAttentionLayersAndKeepsAConstantState() throws IOException {
    // Qwen3-Next-80B-A3B: full_attention_interval 4 over 48 layers = 12 gated-attention layers with
    // 2 KV heads of 256: 2 x 2 x 256 = 1,024 values = 2,048 BF16 bytes per token per layer; at
    // 262,144 tokens: 12 x 262,144 x 2,048 = 6,442,450,944 bytes (6 GiB).
    // The 36 Gated DeltaNet layers keep 32 value heads x 128 x 128 = 524,288 state values plus a
    // conv state of (2 x 16 x 128 + 32 x 128) x (4 - 1) = 24,576 values: 548,864 x 2 bytes =
    // 1,097,728 bytes per layer, 39,518,208 bytes per sequence, at any context.
    ModelArchitecture arch = published("qwen3-next-80b-a3b-instruct.json");
    KvCache kv = new KvCache(arch);
    assertThat(kv.bytes(262_144, 1, KvDtype.BF16)).isEqualTo(6_442_450_944L);
    assertThat(kv.stateBytes(1, KvDtype.BF16)).isEqualTo(39_518_208L);
    assertThat(kv.stateBytes(1, KvDtype.BF16)).isEqualTo(36L * 1_097_728);
    assertThat(kv.bytesPerTokenFullLayers(KvDtype.BF16)).isEqualTo(12L * 2048);
    assertThat(kv.byKind(262_144, 2, KvDtype.BF16)).containsExactly(
        new KindShare(LayerKind.FULL_ATTENTION, 12, 2 * 6_442_450_944L, 0),
        new KindShare(LayerKind.LINEAR_ATTENTION, 36, 0, 2 * 39_518_208L));
    // The state does not grow with the context; a quantized KV dtype leaves it at 16 bits.
    assertThat(kv.stateBytes(1, KvDtype.Q8_0)).isEqualTo(39_518_208L);

    MemoryEstimate e = new MemoryEstimator(arch, ParameterCounter.count(arch))
        .estimate(262_144, 1, WeightDtype.parse("bf16"), KvDtype.BF16, InferenceRuntime.VLLM, 0);
    assertThat(e.kvCacheBytes()).isEqualTo(6_442_450_944L);
    assertThat(e.stateBytes()).isEqualTo(39_518_208L);
    assertThat(e.totalBytes()).isEqualTo(e.weightsBytes() + e.kvCacheBytes() + e.stateBytes() + e.activationBytes());
  }

  @Test
  void falconH1ParallelLayersKeepKeysAndValuesAndAMambaState() throws IOException {
    // Falcon-H1-7B-Base: all 44 layers run attention and Mamba-2 side by side, so each keeps both
    // (FalconHybridMambaAttentionDynamicCache). Attention: 2 KV heads of 128: 2 x 2 x 128 = 512
    // values = 1,024 BF16 bytes per token per layer, 45,056 per token; at 262,144 tokens 44 x
    // 262,144 x 1,024 = 11,811,160,064 bytes. Mamba: 24 heads x 128 x state 256 = 786,432 SSM values
    // plus a conv state of (3,072 + 2 x 1 x 256) x (4 - 1) = 10,752 values: 797,184 x 2 = 1,594,368
    // bytes per layer, 70,152,192 per sequence at any context.
    ModelArchitecture arch = published("falcon-h1-7b-base.json");
    KvCache kv = new KvCache(arch);
    assertThat(kv.bytesPerTokenFullLayers(KvDtype.BF16)).isEqualTo(45_056L);
    assertThat(kv.bytes(262_144, 1, KvDtype.BF16)).isEqualTo(11_811_160_064L);
    assertThat(kv.stateBytes(1, KvDtype.BF16)).isEqualTo(44L * 1_594_368).isEqualTo(70_152_192L);
    assertThat(kv.layerValuesPerToken(0)).isEqualTo(512);
    assertThat(kv.layerStateValues(0)).isEqualTo(797_184);
    assertThat(kv.byKind(262_144, 1, KvDtype.BF16)).containsExactly(
        new KindShare(LayerKind.PARALLEL_HYBRID, 44, 11_811_160_064L, 70_152_192L));
    assertThat(LayerKind.PARALLEL_HYBRID.cachesTokens()).isTrue();
    MemoryEstimate e = new MemoryEstimator(arch, ParameterCounter.count(arch))
        .estimate(262_144, 1, WeightDtype.parse("bf16"), KvDtype.BF16, InferenceRuntime.VLLM, 0);
    assertThat(e.kvCacheBytes()).isEqualTo(11_811_160_064L);
    assertThat(e.stateBytes()).isEqualTo(70_152_192L);
  }

  @Test
  void nemotronHMixerOnlyAndMlpOnlyBlocksCacheByTheirMixer() throws IOException {
    // NVIDIA-Nemotron-Nano-9B-v2 (nemotron_h): hybrid_override_pattern over 56 blocks = 27 Mamba-2
    // (M), 4 attention (*) and 25 MLP (-) blocks (the model card's layer mix). Attention: 8 KV heads
    // of 128: 2 x 8 x 128 x 2 = 4,096 bytes per token per layer; at 131,072 tokens 4 x 131,072 x 4,096
    // = 2,147,483,648 bytes. Mamba: 128 heads x 80 x state 128 = 1,310,720 SSM values, kept in FP32
    // (mamba_ssm_cache_dtype, NemotronHConfig's default "float32"), plus a BF16 conv state of
    // (10,240 + 2 x 8 x 128) x (4 - 1) = 36,864 values: 5,242,880 + 73,728 = 5,316,608 bytes per
    // layer (the Mamba page vLLM allocates for this config), 143,548,416 per sequence at any
    // context. MLP blocks hold nothing.
    ModelArchitecture arch = published("nvidia-nemotron-nano-9b-v2.json");
    KvCache kv = new KvCache(arch);
    assertThat(kv.bytes(131_072, 1, KvDtype.BF16)).isEqualTo(2_147_483_648L);
    assertThat(kv.stateBytes(1, KvDtype.BF16)).isEqualTo(27L * 5_316_608).isEqualTo(143_548_416L);
    assertThat(kv.byKind(131_072, 1, KvDtype.BF16)).containsExactly(
        new KindShare(LayerKind.FULL_ATTENTION, 4, 2_147_483_648L, 0),
        new KindShare(LayerKind.MAMBA, 27, 0, 143_548_416L),
        new KindShare(LayerKind.FEED_FORWARD, 25, 0, 0));
    // The state is the same at 1,000 tokens; the KV cache scales with the context.
    assertThat(kv.stateBytes(1, KvDtype.BF16)).isEqualTo(new KvCache(arch).stateBytes(1, KvDtype.BF16));
    assertThat(kv.bytes(1000, 1, KvDtype.BF16)).isEqualTo(4L * 1000 * 4096);
    MemoryEstimate e = new MemoryEstimator(arch, ParameterCounter.count(arch))
        .estimate(131_072, 1, WeightDtype.parse("bf16"), KvDtype.BF16, InferenceRuntime.VLLM, 0);
    assertThat(e.kvCacheBytes()).isEqualTo(2_147_483_648L);
    assertThat(e.stateBytes()).isEqualTo(143_548_416L);
    // A config asking for a 16-bit SSM cache gets one: 27 x 1,347,584 x 2 bytes.
    ModelArchitecture bf16 = ConfigReader.parse(resource("nvidia-nemotron-nano-9b-v2.json")
        .replace("\"ssm_state_size\"", "\"mamba_ssm_cache_dtype\": \"bfloat16\", \"ssm_state_size\""), "config.json", null);
    assertThat(new KvCache(bf16).stateBytes(1, KvDtype.BF16)).isEqualTo(27L * 1_347_584 * 2);
  }

  @Test
  void llama4ScoutChunkedLayersHoldOneChunk() throws IOException {
    // Llama-4-Scout: 48 layers, 8 KV heads of 128: 2 x 8 x 128 x 2 = 4,096 bytes per token per layer.
    // no_rope_layer_interval 4: 12 global NoPE layers hold the whole context, 36 chunked layers hold
    // min(context, 8192). At 262,144 tokens: 12 x 262,144 x 4,096 + 36 x 8,192 x 4,096
    // = 12,884,901,888 + 1,207,959,552 = 14,092,861,440 bytes.
    KvCache kv = new KvCache(published("llama-4-scout-17b-16e-instruct.json"));
    assertThat(kv.bytes(262_144, 1, KvDtype.BF16)).isEqualTo(14_092_861_440L);
    assertThat(kv.byKind(262_144, 1, KvDtype.BF16)).containsExactly(
        new KindShare(LayerKind.FULL_ATTENTION, 12, 12_884_901_888L, 0),
        new KindShare(LayerKind.CHUNKED_ATTENTION, 36, 1_207_959_552L, 0));
    // Below one chunk every layer holds the whole context: 48 x 4,096 x 4,096.
    assertThat(kv.bytes(4096, 1, KvDtype.BF16)).isEqualTo(48L * 4096 * 4096);
    assertThat(kv.bytesPerTokenFullLayers(KvDtype.BF16)).isEqualTo(12L * 4096);
    assertThat(kv.stateBytes(1, KvDtype.BF16)).isZero();
  }

  @Test
  void deepseekV32CachesTheIndexerKeyBesideTheLatent() throws IOException {
    // DeepSeek-V3.2: MLA latent 512 + rope key 64, plus the indexer key of index_head_dim 128:
    // 704 values per token per layer, 61 layers, 2 bytes.
    KvCache kv = new KvCache(published("deepseek-v3.2.json"));
    assertThat(kv.bytesPerTokenFullLayers(KvDtype.BF16)).isEqualTo(61L * (512 + 64 + 128) * 2);
    List<KindShare> kinds = kv.byKind(1000, 1, KvDtype.BF16);
    assertThat(kinds).containsExactly(
        new KindShare(LayerKind.SPARSE_LATENT_ATTENTION, 61, 1000L * 61 * 704 * 2, 0));
  }

  @Test
  void granite4HybridKeepsAMambaStatePerSequence() throws IOException {
    // granite-4.0-h-micro: 36 Mamba-2 layers of 64 heads x 64 x d_state 128 = 524,288 SSM values plus
    // a conv state of (4,096 + 2 x 1 x 128) x (4 - 1) = 13,056 values: 537,344 x 2 bytes = 1,074,688
    // bytes per layer, 38,688,768 per sequence. 4 attention layers, 8 KV heads of 64: 2,048 bytes per
    // token per layer.
    KvCache kv = new KvCache(published("granite-4.0-h-micro.json"));
    assertThat(kv.stateBytes(1, KvDtype.BF16)).isEqualTo(36L * 1_074_688);
    assertThat(kv.bytes(131_072, 1, KvDtype.BF16)).isEqualTo(4L * 131_072 * 2048);
    assertThat(kv.layers(LayerKind.MAMBA)).isEqualTo(36);
    assertThat(kv.stateBytes(1, KvDtype.FP32)).isEqualTo(2 * 36L * 1_074_688);
  }

  @Test
  void miniMaxLightningLayersKeepOneMatrixPerHead() throws IOException {
    // MiniMax-Text-01: 70 lightning layers of 64 heads x 128 x 128 = 1,048,576 state values (2 MiB
    // in BF16) and no conv state; 10 softmax layers of 8 KV heads of 128 = 4,096 bytes per token.
    KvCache kv = new KvCache(published("minimax-text-01.json"));
    assertThat(kv.stateBytes(1, KvDtype.BF16)).isEqualTo(70L * 1_048_576 * 2);
    assertThat(kv.bytesPerTokenFullLayers(KvDtype.BF16)).isEqualTo(10L * 4096);
    assertThat(kv.layers(LayerKind.LINEAR_ATTENTION)).isEqualTo(70);
  }
}
