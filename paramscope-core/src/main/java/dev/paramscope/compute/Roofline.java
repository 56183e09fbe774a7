package dev.paramscope.compute;

import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.hardware.Gpu;
import dev.paramscope.memory.KvCache;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.KvSplit;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;

/**
 * Prefill and decode speed from the roofline model (Williams et al. 2009, "Roofline"): a step
 * takes a fixed per-step overhead plus the longer of its FLOPs at the compute peak and its bytes
 * at the memory bandwidth, each scaled by a stated efficiency. Tensor parallelism over N GPUs
 * divides the FLOPs and the weight bytes; each GPU reads its own share of the KV cache (the whole
 * MLA latent, replicated KV heads, see {@link KvSplit}); and every pass adds the all-reduces of
 * {@link AllReduce}, not overlapped with compute (stated).
 *
 * <ul>
 *   <li>Prefill of {@code batch × context} tokens: {@code batch·context·forward(context)} FLOPs.
 *   <li>Decode step: every sequence adds one token. Bytes read: the weights once per step — for an
 *       MoE only the experts the batch touches, {@code E·(1 − (1 − k/E)^batch)} per layer under
 *       uniform routing — plus the KV cache of every sequence.
 * </ul>
 */
public final class Roofline {
  private final FlopsEstimator flops;
  private final KvCache kv;
  private final KvSplit kvSplit;
  private final int hiddenSize;
  private final int layers;
  private final double bytesPerParam;
  private final long nonExpertParams;
  private final double[] expertParams;
  private final int[] experts;
  private final int[] topK;

  public Roofline(ModelArchitecture arch, ParameterCount count, long weightsBytes) {
    this.flops = new FlopsEstimator(arch, count);
    this.kv = new KvCache(arch);
    this.kvSplit = new KvSplit(arch);
    this.hiddenSize = arch.hiddenSize();
    this.layers = arch.numLayers();
    this.bytesPerParam = weightsBytes / (double) count.totalParams();
    this.nonExpertParams = count.totalParams() - count.params(Component.ROUTED_EXPERTS);
    int n = arch.numLayers();
    expertParams = new double[n];
    experts = new int[n];
    topK = new int[n];
    long allExperts = 0;
    for (DecoderLayer layer : arch.layers()) {
      if (layer.feedForward() instanceof MixtureOfExperts moe) {
        allExperts += moe.numExperts();
      }
    }
    double perExpert = allExperts == 0 ? 0 : count.params(Component.ROUTED_EXPERTS) / (double) allExperts;
    for (int i = 0; i < n; i++) {
      if (arch.layers().get(i).feedForward() instanceof MixtureOfExperts moe) {
        experts[i] = moe.numExperts();
        topK[i] = moe.numExpertsPerTok();
        expertParams[i] = perExpert;
      }
    }
  }

  /** Expected distinct experts a batch touches in a layer of E experts, k per token, uniform routing. */
  static double expectedExperts(int e, int k, long batch) {
    return e * (1.0 - Math.pow(1.0 - (double) k / e, batch));
  }

  /** Weight bytes one decode step reads. */
  public double weightBytesPerStep(long batch) {
    double params = nonExpertParams;
    for (int i = 0; i < experts.length; i++) {
      if (experts[i] > 0) {
        params += expectedExperts(experts[i], topK[i], batch) * expertParams[i];
      }
    }
    return params * bytesPerParam;
  }

  /**
   * One step of {@code batch} sequences at {@code context}: {@code tokenOverhead + max(compute, memory)}.
   * The fixed per-step overhead (kernel launches, synchronisation, sampling) is what keeps small
   * models far below the bandwidth bound at batch 1; see {@link dev.paramscope.hardware.DecodeProfile}.
   *
   * @param peakFlops dense peak FLOP/s of one GPU at the compute dtype; NaN when the catalog has
   *     none, which drops the compute bound (the step is then memory time alone, and prefill time
   *     and the crossover batch are unknown)
   * @param computeEfficiency achieved share of the peak
   * @param bandwidthEfficiency achieved share of the memory bandwidth
   * @param tokenOverheadSeconds fixed cost of every step, prefill included
   */
  public Speed speed(Gpu gpu, int gpus, double peakFlops, long context, long batch, KvDtype kvDtype,
      double computeEfficiency, double bandwidthEfficiency, double tokenOverheadSeconds) {
    return speed(gpu, gpus, peakFlops, context, batch, kvDtype, computeEfficiency, bandwidthEfficiency,
        tokenOverheadSeconds, AllReduce.HOP_LATENCY_SECONDS);
  }

  /** As above, with the all-reduces' per-hop latency ({@link AllReduce}) given. */
  public Speed speed(Gpu gpu, int gpus, double peakFlops, long context, long batch, KvDtype kvDtype,
      double computeEfficiency, double bandwidthEfficiency, double tokenOverheadSeconds, double hopLatencySeconds) {
    boolean hasPeak = peakFlops > 0;
    double flopsRate = hasPeak ? gpus * peakFlops * computeEfficiency : Double.POSITIVE_INFINITY;
    double byteRate = gpus * gpu.memoryBandwidthBytesPerSecond() * bandwidthEfficiency;
    double prefillFlops = (double) batch * context * flops.forwardPerToken(context);
    double prefillComm = AllReduce.forwardSeconds(Math.multiplyExact(batch, context), hiddenSize, layers, gpus, gpu,
        hopLatencySeconds);
    double prefillSeconds = hasPeak
        ? tokenOverheadSeconds + Math.max(prefillFlops / flopsRate, weightBytesPerStep(batch) / byteRate) + prefillComm
        : Double.NaN;
    double stepCompute = batch * flops.forwardPerToken(context) / flopsRate;
    double stepMemory = stepBytesPerGpu(context, batch, kvDtype, gpus) / (byteRate / gpus);
    double stepComm = AllReduce.forwardSeconds(batch, hiddenSize, layers, gpus, gpu, hopLatencySeconds);
    double step = tokenOverheadSeconds + Math.max(stepCompute, stepMemory) + stepComm;
    long crossover = hasPeak ? crossoverBatch(context, kvDtype, flopsRate, byteRate, gpus) : -1;
    return new Speed(prefillFlops, prefillSeconds, step, 1.0 / step, batch / step,
        stepCompute >= stepMemory ? "compute" : "memory", crossover, stepCompute, stepMemory, tokenOverheadSeconds,
        hasPeak, stepComm);
  }

  /** Bytes one GPU reads in a decode step: its share of the weights touched and of the KV cache. */
  private double stepBytesPerGpu(long context, long batch, KvDtype kvDtype, int gpus) {
    return weightBytesPerStep(batch) / gpus + kvSplit.bytesPerGpu(kv, context, batch, kvDtype, gpus);
  }

  /** Smallest batch at which a decode step is compute-bound (up to 2^20), or -1. */
  private long crossoverBatch(long context, KvDtype kvDtype, double flopsRate, double byteRate, int gpus) {
    double perToken = flops.forwardPerToken(context);
    long lo = 1;
    long hi = 1;
    while (hi <= (1 << 20)) {
      if (hi * perToken / flopsRate >= stepBytesPerGpu(context, hi, kvDtype, gpus) / (byteRate / gpus)) {
        break;
      }
      lo = hi;
      hi *= 2;
    }
    if (hi > (1 << 20)) {
      return -1;
    }
    while (lo < hi) {
      long mid = (lo + hi) / 2;
      if (mid * perToken / flopsRate >= stepBytesPerGpu(context, mid, kvDtype, gpus) / (byteRate / gpus)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * @param prefillFlops FLOPs of the prefill
   * @param prefillSeconds prefill time: the time to first token of the batch
   * @param stepSeconds one decode step
   * @param tokensPerSecondPerSequence decode speed each sequence sees
   * @param tokensPerSecondAggregate decode throughput of the batch
   * @param bound {@code memory} or {@code compute}, for decode
   * @param crossoverBatch the batch where decode turns compute-bound, -1 if never below 2^20
   * @param stepComputeSeconds the step's compute time alone
   * @param stepMemorySeconds the step's memory time alone
   * @param stepOverheadSeconds the step's fixed cost
   * @param computeBounded false when no compute peak was known: prefill time is NaN, crossover -1
   * @param stepCommunicationSeconds the step's tensor-parallel all-reduces (0 on one GPU)
   */
  public record Speed(double prefillFlops, double prefillSeconds, double stepSeconds, double tokensPerSecondPerSequence,
      double tokensPerSecondAggregate, String bound, long crossoverBatch, double stepComputeSeconds,
      double stepMemorySeconds, double stepOverheadSeconds, boolean computeBounded, double stepCommunicationSeconds) {}
}
