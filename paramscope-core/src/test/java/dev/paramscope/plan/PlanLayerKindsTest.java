package dev.paramscope.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.memory.KvDtype;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Per-layer cache kinds in the engines' arithmetic, worked by hand from the published configs.
 *
 * <p>Qwen3-Next-80B-A3B: 48 layers, every 4th full attention (12) with 2 KV heads of 256, the
 * other 36 Gated DeltaNet with 32 value heads, 16 key heads, heads of 128 and a kernel of 4: a
 * state of 32·128·128 = 524,288 values plus a conv state of 3·(2·16·128 + 32·128) = 24,576.
 * Llama 4 Scout: 48 layers, 8 KV heads of 128, layers 4, 8, … 48 global, the other 36 chunked
 * at 8192 tokens.
 */
class PlanLayerKindsTest {
  private static final long GIB = 1L << 30;

  private static PlanContext.Stage allLayers(PlanContext c) {
    return new PlanContext.Stage(0, 0, c.arch().numLayers(), 0);
  }

  @Test
  void vllmRaisesQwen3NextsAttentionBlockToHoldOneGatedDeltaNetState() {
    // TP 4: state per layer per rank (524,288 + 24,576) / 4 × 2 bytes (BF16) = 274,432;
    // KV per token per attention layer max(1, 2/4) = 1 head × 256 × 2 (K, V) × 2 bytes = 1,024;
    // block = 16 × cdiv(274,432, 16 × 1,024) = 272 tokens, page 272 × 1,024 = 278,528 bytes.
    // Groups of 12 layers: 1 full-attention group, 3 recurrent groups.
    PlanContext c = PlanFixtures.context("qwen3-next-80b-a3b", 4);
    KvPool pool = KvPool.of(c, allLayers(c), KvDtype.BF16, 16, 8192, 10 * GIB);
    assertThat(pool.blockSize()).isEqualTo(272);
    assertThat(pool.pageBytes()).isEqualTo(278_528);
    assertThat(pool.numBlocks()).isEqualTo(10 * GIB / 278_528 / 12);
    // a 32,768-token request: cdiv(32768, 272) = 121 attention blocks + 1 state block per recurrent group
    assertThat(pool.blocksPerRequest(32_768)).isEqualTo(121 + 3);
    // the state is constant: a 1-token request still holds its 3 state blocks
    assertThat(pool.blocksPerRequest(1)).isEqualTo(1 + 3);
    assertThat(pool.reportedTokens()).isEqualTo(10 * GIB / 278_528 / 12 / 4 * 272);
  }

  @Test
  void vllmQwen3NextPlanTakesItsKvHeadsFromTheAttentionLayers() {
    PlanSettings d = PlanFixtures.settings(4);
    EnginePlan p = Planner.plan(Engine.VLLM, "qwen3-next-80b-a3b", PlanFixtures.context("qwen3-next-80b-a3b", 4).arch(),
        PlanFixtures.context("qwen3-next-80b-a3b", 4).count(), d);
    assertThat(p.figures().get("kv_heads_per_rank")).isEqualTo(1);
    assertThat(p.figures().get("kv_head_replication")).isEqualTo(2);
    assertThat(p.figures().get("attention_block_size")).isEqualTo(272L);
  }

  @Test
  void vllmCountsLlama4ChunkedLayersAsFullAttention() {
    // The hybrid KV cache manager is off for chunked local attention by default, so every layer
    // holds the whole request: TP 4 gives 2 KV heads × 128 × 2 × 2 bytes = 1,024 per token per
    // layer, page 16 × 1,024, one group of 48 layers.
    PlanContext c = PlanFixtures.context("llama-4-scout", 4);
    KvPool pool = KvPool.of(c, allLayers(c), KvDtype.BF16, 16, 8192, 10 * GIB);
    assertThat(pool.blockSize()).isEqualTo(16);
    assertThat(pool.pageBytes()).isEqualTo(16_384);
    assertThat(pool.numBlocks()).isEqualTo(10 * GIB / 16_384 / 48);
    assertThat(pool.blocksPerRequest(32_768)).isEqualTo(2048);
    assertThat(pool.requestBytes(32_768)).isEqualTo(32_768L * 1_024 * 48);
  }

  @Test
  void llamaCppKeepsQwen3NextsRecurrentStateInF32PerSequence() {
    // n_ctx 32768 with flash attention (256-cell padding): 12 attention layers × 32,768 cells ×
    // (K 2·256·2 + V 2·256·2 bytes) = 805,306,368; 36 recurrent layers × 548,864 values × 4 bytes
    // (F32 whatever -ctk) = 79,036,416 per sequence.
    PlanContext c = PlanFixtures.context("qwen3-next-80b-a3b", 1);
    LlamaCppKv one = new LlamaCppKv(c.shards(), KvDtype.FP16, KvDtype.FP16, true, 512, 1);
    Layout l = new Layout(c, one, 32_768, 512, 0);
    assertThat(l.stateBytes()).isEqualTo(79_036_416L);
    assertThat(l.kvBytes(0, 48)).isEqualTo(805_306_368L + 79_036_416L);
    assertThat(l.keyBytes()).isEqualTo(805_306_368L / 2);
    // -ctk q8_0 shrinks the attention cache only; -np 4 gives 4 states and the same cells
    LlamaCppKv q8 = new LlamaCppKv(c.shards(), KvDtype.Q8_0, KvDtype.Q8_0, true, 512, 4);
    Layout l4 = new Layout(c, q8, 32_768, 512, 0);
    assertThat(l4.stateBytes()).isEqualTo(4 * 79_036_416L);
    // q8_0: 34 bytes per 32 values → 512 values = 544 bytes per K row and per V row
    assertThat(l4.kvBytes(0, 48)).isEqualTo(12L * 32_768 * 544 * 2 + 4 * 79_036_416L);
  }

  @Test
  void llamaCppSizesLlama4ChunkedLayersLikeSlidingWindows() {
    // full layers: 12 × 32,768 cells × 4,096 bytes (K and V, 8 heads × 128 × 2 bytes each);
    // chunked layers: min(32,768, pad(8192 × 1 + 512, 256) = 8,704) cells × 4,096 × 36
    PlanContext c = PlanFixtures.context("llama-4-scout", 1);
    LlamaCppKv kv = new LlamaCppKv(c.shards(), KvDtype.FP16, KvDtype.FP16, true, 512, 1);
    Layout l = new Layout(c, kv, 32_768, 512, 0);
    assertThat(l.kvBytes(0, 48)).isEqualTo(12L * 32_768 * 4_096 + 36L * 8_704 * 4_096);
    assertThat(l.kvBytes(0, 48)).isEqualTo(2_894_069_760L);
    assertThat(l.stateBytes()).isZero();
    // below the chunk every layer holds the whole context
    assertThat(new Layout(c, kv, 4_096, 512, 0).kvBytes(0, 48)).isEqualTo(48L * 4_096 * 4_096);
  }

  @Test
  void sglangReservesTheMambaPoolBeforeTheKvPool() {
    PlanSettings d = PlanFixtures.settings(4);
    PlanSettings s = new PlanSettings(d.gpu(), 4, OptionalLong.of(4), OptionalLong.of(1), false, null, null, null,
        d.context(), d.gpuMemoryUtilization(), d.maxNumBatchedTokens(), d.maxNumSeqs(), d.nonTorchBytes(),
        d.cudaGraphBytes(), d.blockSize(), d.ngl(), false, d.ubatch(), d.parallel(), 0, null, d.cpuRamBytes(),
        d.cpuBandwidthBytesPerSecond(), d.reserveBytes(), d.computeBufferBytes(), d.gpuMemoryBytes());
    PlanContext c = PlanFixtures.context("qwen3-next-80b-a3b", 4);
    EnginePlan p = Planner.plan(Engine.SGLANG, "qwen3-next-80b-a3b", c.arch(), c.count(), s);
    // per request per rank: 36 layers × 274,432 bytes = 9,879,552; cell: 12 layers × 1,024 bytes
    long slots = p.figures().get("max_mamba_cache_size").longValue();
    assertThat(p.terms().get("state_bytes")).isEqualTo(slots * 9_879_552L);
    assertThat(p.figures().get("kv_cell_bytes")).isEqualTo(12_288L);
    // the state takes 0.9 / 1.9 of what follows the weights, the KV pool the rest
    double share = p.terms().get("state_bytes") / (double) (p.terms().get("state_bytes") + p.terms().get("kv_cache_bytes"));
    assertThat(share).isBetween(0.47, 0.48);
  }
}
