package dev.paramscope.plan;

import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.SlidingWindowPolicy;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.MultiHeadAttention;

/**
 * llama.cpp's KV cache, per layer, as {@code llama_kv_cache_unified} allocates it (src/llama-kv-cache-unified.cpp,
 * mid-2025): one K and one V tensor per layer of {@code kv_size} cells, each row
 * {@code ggml_row_size(type, n_embd_k_gqa)} bytes (quantized types in blocks of 32).
 *
 * <ul>
 *   <li>{@code kv_size} is the context padded by {@code llama_kv_cache_unified::get_padding}: 256
 *       cells with flash attention, 32 without ({@code GGML_PAD(n_ctx, n_pad)} in the
 *       {@code llama_context} constructor).
 *   <li>Sliding-window layers live in a second cache ({@code llama_kv_cache_unified_iswa}) of
 *       {@code min(kv_size, GGML_PAD(n_swa × n_seq_max + n_ubatch, n_pad))} cells unless
 *       {@code --swa-full}, for the architectures llama.cpp gives a SWA type
 *       ({@link SlidingWindowPolicy#llamaCppWindows}); Phi-3 and Mistral-7B-v0.1 get the full context.
 *   <li>Chunked layers (Llama 4) use the same second cache with {@code n_swa = attention_chunk_size}
 *       ({@code LLAMA_SWA_TYPE_CHUNKED}, {@code llama_model::load_hparams} for {@code LLM_ARCH_LLAMA4}).
 *   <li>MLA models (deepseek2) cache K as {@code kv_lora_rank + qk_rope_head_dim} values and V as
 *       {@code kv_lora_rank} values with one KV head ({@code llm_build_deepseek2}, MLA since b5200);
 *       the DSA indexer's key is not cached (this llama.cpp runs DeepSeek-V3.2 as dense MLA).
 *   <li>Recurrent layers (Mamba-2, Gated DeltaNet) live in {@code llama_memory_recurrent}
 *       (src/llama-memory-recurrent.cpp) beside the KV cache ({@code llama_memory_hybrid}): one
 *       constant state per sequence ({@code mem_size = max(1, n_seq_max)}), its conv and SSM tensors
 *       in F32 ({@code llama_model::create_memory} passes {@code GGML_TYPE_F32} for both), whatever
 *       {@code -ctk}/{@code -ctv} say and whatever the context.
 * </ul>
 */
final class LlamaCppKv {
  private final ModelShards shards;
  private final KvDtype typeK;
  private final KvDtype typeV;
  private final long pad;
  private final long ubatch;
  private final long seqs;
  private final boolean swa;
  private static final long STATE_BYTES_PER_VALUE = 4;
  private static final Parallelism ONE_GPU = new Parallelism(1, 1, false);

  LlamaCppKv(ModelShards shards, KvDtype typeK, KvDtype typeV, boolean flashAttention, long ubatch, long seqs) {
    this.shards = shards;
    this.typeK = typeK;
    this.typeV = typeV;
    this.pad = flashAttention ? 256 : 32;
    this.ubatch = ubatch;
    this.seqs = seqs;
    this.swa = SlidingWindowPolicy.llamaCppWindows(shards.architecture().modelType());
  }

  /** {@code kv_size}: the context padded to whole multiples of {@code n_pad}. */
  long cells(long nCtx) {
    return KvPool.ceilDiv(nCtx, pad) * pad;
  }

  /** Cells of the sliding-window cache for {@code window}. */
  long swaCells(long nCtx, int window) {
    return Math.min(cells(nCtx), KvPool.ceilDiv(window * seqs + ubatch, pad) * pad);
  }

  long padding() {
    return pad;
  }

  /** K bytes of layer {@code i} at context {@code nCtx}. */
  long keyBytes(int i, long nCtx) {
    return Math.multiplyExact(layerCells(i, nCtx), typeK.bytesFor(keyWidth(i)));
  }

  /** V bytes of layer {@code i} at context {@code nCtx}. */
  long valueBytes(int i, long nCtx) {
    return Math.multiplyExact(layerCells(i, nCtx), typeV.bytesFor(valueWidth(i)));
  }

  /** Constant recurrent-state bytes of layer {@code i} for all sequences; 0 for a layer without a recurrent mixer. */
  long stateBytes(int i) {
    return Math.multiplyExact(shards.stateBytesPerLayer(i, ONE_GPU, STATE_BYTES_PER_VALUE), Math.max(1, seqs));
  }

  /**
   * KV (or, for a recurrent layer, state) bytes of layer {@code i} at context {@code nCtx}; a
   * parallel hybrid layer (Falcon-H1, llama.cpp's {@code llama_memory_hybrid}) holds both.
   */
  long layerBytes(int i, long nCtx) {
    if (shards.recurrent(i)) {
      return stateBytes(i);
    }
    return Math.addExact(Math.addExact(keyBytes(i, nCtx), valueBytes(i, nCtx)), stateBytes(i));
  }

  /** Cells layer {@code i} holds: 0 for a recurrent layer, the window cache for sliding and chunked ones. */
  long layerCells(int i, long nCtx) {
    if (shards.recurrent(i)) {
      return 0;
    }
    int w = shards.chunk(i) > 0 ? shards.chunk(i) : shards.window(i);
    return w == 0 || !swa ? cells(nCtx) : swaCells(nCtx, w);
  }

  private long keyWidth(int i) {
    var a = shards.architecture().layers().get(i).attention();
    if (a instanceof LatentAttention mla) {
      return (long) mla.kvLoraRank() + mla.qkRopeHeadDim();
    }
    return a instanceof MultiHeadAttention mha ? mha.keyValueWidth() : 0;
  }

  private long valueWidth(int i) {
    var a = shards.architecture().layers().get(i).attention();
    if (a instanceof LatentAttention mla) {
      return mla.kvLoraRank();
    }
    return a instanceof MultiHeadAttention mha ? mha.keyValueWidth() : 0;
  }
}
