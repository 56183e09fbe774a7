package dev.paramscope.compute;

/**
 * What a training plan costs.
 *
 * @param trainedParams parameters that receive gradients (all, or the LoRA adapters)
 * @param weightsBytes weights per GPU
 * @param gradientsBytes gradients per GPU
 * @param optimizerBytes optimizer states and FP32 master weights per GPU
 * @param activationsBytes activations of one micro-batch per GPU, logits included
 * @param flops6nd {@code 6·N·D} with N the active parameters (Kaplan et al. 2020, eq. 2.1)
 * @param flops the per-token count with attention, times tokens, training multiplier and recompute
 * @param forwardFlopsPerToken forward FLOPs per token at the sequence length
 * @param timeSeconds wall time on the plan's GPUs at its MFU
 * @param gpuHours GPU-hours
 * @param usdPerGpuHour the price used, NaN when none is known
 */
public record TrainingEstimate(long trainedParams, long weightsBytes, long gradientsBytes, long optimizerBytes,
    long activationsBytes, double flops6nd, double flops, double forwardFlopsPerToken, double timeSeconds,
    double gpuHours, double usdPerGpuHour) {

  public long totalBytes() {
    return Math.addExact(Math.addExact(Math.addExact(weightsBytes, gradientsBytes), optimizerBytes), activationsBytes);
  }

  /** Cost in US dollars, NaN without a price. */
  public double costUsd() {
    return gpuHours * usdPerGpuHour;
  }
}
