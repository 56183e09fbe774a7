package dev.paramscope.forensics;

import dev.paramscope.BadInputException;

/**
 * An upper bound on active parameters from an observed decode speed: the memory-bandwidth roofline
 * inverted (Williams et al. 2009; for LLM decoding, Pope et al., "Efficiently Scaling Transformer
 * Inference", arXiv:2211.05102, §2). At batch 1 each decode step reads every active weight once, so
 * {@code active × bytes/param ≤ GPUs × bandwidth × efficiency × step time}, with step time
 * {@code speculative speed-up / tokens per second}. Two more limits hold: the step's
 * {@code 2 × active} FLOPs fit in the step at the dense peak, and all weights fit in the GPUs'
 * memory. The smallest binds. Reading the KV cache and batching only lower the true figure, so each
 * is an upper bound.
 *
 * @param tokensPerSecond observed decode speed of one sequence
 * @param gpus accelerators serving one copy of the model
 * @param bandwidthBytesPerSecond one accelerator's peak memory bandwidth
 * @param flopsPerSecond one accelerator's dense peak at the compute dtype
 * @param memoryBytes one accelerator's memory
 * @param bytesPerParam bytes of one stored weight
 * @param bandwidthEfficiency achieved share of the bandwidth, in (0, 1]
 * @param speculativeSpeedup tokens per weight read (1 without speculative decoding)
 */
public record DecodeSpeedBound(double tokensPerSecond, int gpus, double bandwidthBytesPerSecond,
    double flopsPerSecond, double memoryBytes, double bytesPerParam, double bandwidthEfficiency,
    double speculativeSpeedup) {

  public DecodeSpeedBound {
    if (!(tokensPerSecond > 0) || Double.isInfinite(tokensPerSecond)) {
      throw new BadInputException("--tokens-per-second", "must be a positive number, got " + tokensPerSecond);
    }
    if (gpus <= 0) {
      throw new BadInputException("--gpus", "must be positive, got " + gpus);
    }
    if (!(bandwidthEfficiency > 0 && bandwidthEfficiency <= 1)) {
      throw new BadInputException("--bandwidth-efficiency", "must be in (0, 1], got " + bandwidthEfficiency);
    }
    if (!(speculativeSpeedup >= 1 && speculativeSpeedup <= 16)) {
      throw new BadInputException("--speculative-speedup", "must be in [1, 16], got " + speculativeSpeedup);
    }
  }

  /** Seconds per weight read: speculative speed-up / tokens per second. */
  public double stepSeconds() {
    return speculativeSpeedup / tokensPerSecond;
  }

  /** GPUs × bandwidth × efficiency × step / bytes per parameter. */
  public double bandwidthBoundParams() {
    return gpus * bandwidthBytesPerSecond * bandwidthEfficiency * stepSeconds() / bytesPerParam;
  }

  /** GPUs × dense peak × step / 2 (two FLOPs per active parameter per token). */
  public double computeBoundParams() {
    return gpus * flopsPerSecond * stepSeconds() / 2;
  }

  /** GPUs × memory / bytes per parameter: every weight must be resident. */
  public double capacityBoundParams() {
    return gpus * memoryBytes / bytesPerParam;
  }

  /** The tightest bound on active parameters. */
  public double activeParamsHigh() {
    return Math.min(bandwidthBoundParams(), Math.min(computeBoundParams(), capacityBoundParams()));
  }

  /** Which limit binds: {@code memory_bandwidth}, {@code compute} or {@code memory_capacity}. */
  public String binds() {
    double high = activeParamsHigh();
    return high == bandwidthBoundParams() ? "memory_bandwidth" : high == computeBoundParams() ? "compute"
        : "memory_capacity";
  }
}
