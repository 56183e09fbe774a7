package dev.paramscope.plan;

import dev.paramscope.memory.KvDtype;
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
 *       {@code --swa-full}.
 *   <li>MLA models (deepseek2) cache K as {@code kv_lora_rank + qk_rope_head_dim} values and V as
 *       {@code kv_lora_rank} values with one KV head ({@code llm_build_deepseek2}, MLA since b5200).
 * </ul>
 */
final class LlamaCppKv {
  private final ModelShards shards;
  private final KvDtype typeK;
  private final KvDtype typeV;
  private final long pad;
  private final long ubatch;
  private final long seqs;

  LlamaCppKv(ModelShards shards, KvDtype typeK, KvDtype typeV, boolean flashAttention, long ubatch, long seqs) {
    this.shards = shards;
    this.typeK = typeK;
    this.typeV = typeV;
    this.pad = flashAttention ? 256 : 32;
    this.ubatch = ubatch;
    this.seqs = seqs;
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

  long layerBytes(int i, long nCtx) {
    return Math.addExact(keyBytes(i, nCtx), valueBytes(i, nCtx));
  }

  private long layerCells(int i, long nCtx) {
    int w = shards.window(i);
    return w == 0 ? cells(nCtx) : swaCells(nCtx, w);
  }

  private long keyWidth(int i) {
    var a = shards.architecture().layers().get(i).attention();
    if (a instanceof LatentAttention mla) {
      return (long) mla.kvLoraRank() + mla.qkRopeHeadDim();
    }
    return ((MultiHeadAttention) a).keyValueWidth();
  }

  private long valueWidth(int i) {
    var a = shards.architecture().layers().get(i).attention();
    if (a instanceof LatentAttention mla) {
      return mla.kvLoraRank();
    }
    return ((MultiHeadAttention) a).keyValueWidth();
  }
}
