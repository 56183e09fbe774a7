package dev.paramscope.plan;

import dev.paramscope.memory.KvDtype;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One llama.cpp placement question: with {@code -ngl N} at context {@code n_ctx}, what sits on the
 * GPUs and what in system RAM (see {@link LlamaCppPolicy} for the rules and their sources).
 */
final class Layout {
  private final PlanContext c;
  private final LlamaCppKv kv;
  private final long nCtx;
  private final long ubatch;
  private final long reserve;
  private final int n;

  Layout(PlanContext c, LlamaCppKv kv, long nCtx, long ubatch, long reserve) {
    this.c = c;
    this.kv = kv;
    this.nCtx = nCtx;
    this.ubatch = ubatch;
    this.reserve = reserve;
    this.n = c.arch().numLayers();
  }

  /** KV bytes of layers {@code from} to {@code to − 1}. */
  long kvBytes(int from, int to) {
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum = Math.addExact(sum, kv.layerBytes(i, nCtx));
    }
    return sum;
  }

  long keyBytes() {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum = Math.addExact(sum, kv.keyBytes(i, nCtx));
    }
    return sum;
  }

  /** Constant recurrent-state bytes of every layer (llama_memory_recurrent), any context. */
  long stateBytes() {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum = Math.addExact(sum, kv.stateBytes(i));
    }
    return sum;
  }

  private long layerWeights(int from, int to) {
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum = Math.addExact(sum, c.shards().layerBytes(i));
    }
    return sum;
  }

  /** The compute buffer of one GPU (see {@link LlamaCppPolicy}). */
  long computeBuffer() {
    if (c.settings().computeBufferBytes().isPresent()) {
      return c.settings().computeBufferBytes().getAsLong();
    }
    long streams = ubatch * 4L * c.arch().hiddenSize() * 4L;
    long logits = ubatch * (long) c.arch().vocabSize() * 4L + streams;
    if (c.settings().flashAttention()) {
      return logits;
    }
    long heads = Parallelism.attentionHeads(c.arch());
    return Math.max(logits, Math.addExact(Math.multiplyExact(ubatch * kv.cells(nCtx), heads * 4L), streams));
  }

  private long draftBytes() {
    PlanSettings.DraftModel d = c.settings().draft();
    if (d == null) {
      return 0;
    }
    LlamaCppKv draftKv = new LlamaCppKv(d.shards(), KvDtype.FP16, KvDtype.FP16, c.settings().flashAttention(), ubatch, 1);
    long sum = d.shards().weightBytes();
    for (int i = 0; i < d.shards().architecture().numLayers(); i++) {
      sum = Math.addExact(sum, draftKv.layerBytes(i, nCtx));
    }
    return sum;
  }

  /** Bytes on the GPUs together, by term, with {@code ngl} layers offloaded; per GPU for several. */
  Map<String, Long> gpuTerms(int ngl) {
    int count = c.settings().gpuCount();
    int onGpu = Math.min(ngl, n);
    long weights = layerWeights(n - onGpu, n) + (ngl > n ? c.shards().headBytes() : 0);
    Map<String, Long> terms = new LinkedHashMap<>();
    terms.put("weights_bytes", weights / count);
    terms.put("kv_cache_bytes", kvBytes(n - onGpu, n) / count);
    terms.put("compute_buffer_bytes", computeBuffer());
    terms.put("mmproj_bytes", c.settings().mmprojBytes());
    terms.put("draft_model_bytes", draftBytes());
    terms.put("reserve_bytes", reserve);
    return terms;
  }

  boolean fitsGpu(int ngl) {
    long used = gpuTerms(ngl).values().stream().mapToLong(Long::longValue).sum();
    return used <= c.totalBytes();
  }

  /** The largest {@code -ngl} (0 to n_layer + 1) that fits, or −1 when not even 0 does. */
  int largestNgl() {
    for (int ngl = n + 1; ngl >= 0; ngl--) {
      if (fitsGpu(ngl)) {
        return ngl;
      }
    }
    return -1;
  }

  /** System RAM for what stays on the CPU: the embedding, CPU layers and their KV, the head unless offloaded. */
  long cpuBytes(int ngl) {
    int onGpu = Math.min(ngl, n);
    long bytes = c.shards().embeddingBytes() + layerWeights(0, n - onGpu) + kvBytes(0, n - onGpu);
    return ngl > n ? bytes : bytes + c.shards().headBytes();
  }

  /** The largest context (a multiple of the padding) with every layer on the GPUs, at most {@code cap}. */
  long largestContext(long cap) {
    long hi = cap > 0 ? cap : 1L << 22;
    long lo = 0;
    while (lo < hi) {
      long mid = (lo + hi + 1) >>> 1;
      Layout l = new Layout(c, kv, mid, ubatch, reserve);
      if (l.fitsGpu(n + 1)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo / kv.padding() * kv.padding();
  }

  /** Tokens per second decoding with {@code ngl} layers on the GPU: bytes read ÷ bandwidth, GPU and CPU in turn. */
  double decodeTokensPerSecond(int ngl, double cpuBandwidth) {
    int onGpu = Math.min(ngl, n);
    double active = c.shards().activeFraction(c.count());
    double gpuBytes = active * layerWeights(n - onGpu, n) + kvBytes(n - onGpu, n)
        + (ngl > n ? c.shards().headBytes() : 0);
    double cpuBytes = active * layerWeights(0, n - onGpu) + kvBytes(0, n - onGpu)
        + (ngl > n ? 0 : c.shards().headBytes());
    double seconds = gpuBytes / c.settings().gpu().memoryBandwidthBytesPerSecond() + cpuBytes / cpuBandwidth;
    return seconds > 0 ? 1 / seconds : 0;
  }
}
