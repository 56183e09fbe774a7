package dev.paramscope.compute;

import dev.paramscope.BadInputException;
import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.hardware.ComputeDtype;
import dev.paramscope.model.Attention;
import dev.paramscope.model.ModelArchitecture;

/**
 * Training memory per GPU, FLOPs, time and cost.
 *
 * <ul>
 *   <li>Full training in mixed precision: 2-byte weights, 2-byte gradients, and the optimizer's
 *       state with FP32 master weights ({@link Optimizer}); ZeRO stage 1 shards the optimizer
 *       state over the GPUs, stage 2 the gradients too, stage 3 the weights too (Rajbhandari et
 *       al. 2020, §5).
 *   <li>LoRA: frozen 2-byte base weights; FP32 adapters with FP32 gradients and optimizer moments.
 *       QLoRA: linear weights in NF4 with double quantization, 4.127 bits per parameter (Dettmers
 *       et al. 2023, "QLoRA", §3); embeddings, head and norms at 16 bits.
 *   <li>Activations: {@link Recompute} (Korthikanti et al. 2022) for every layer, plus FP32 logits
 *       {@code s·b·V·4} for the loss.
 *   <li>FLOPs: forward per token ({@link FlopsEstimator}) × tokens × 3 for full training (backward
 *       = 2 × forward: Kaplan et al. 2020, §2.1), × 2 for LoRA/QLoRA (no weight gradients for
 *       frozen weights); full recompute adds one forward, selective recompute the attention scores.
 *   <li>Time: FLOPs / (GPUs × dense BF16 peak × MFU).
 * </ul>
 */
public final class TrainingEstimator {
  /** NF4 with double-quantized constants: 4 + 0.127 bits per parameter (QLoRA §3). */
  public static final double NF4_BITS = 4.127;

  private TrainingEstimator() {}

  public static TrainingEstimate estimate(ModelArchitecture arch, ParameterCount count, TrainingPlan plan) {
    long total = count.totalParams();
    int n = plan.gpuCount();
    boolean full = plan.method() == TrainingPlan.Method.FULL;
    long adapters = full ? 0 : LoraAdapters.params(arch, plan.loraRank(), plan.loraTargets());
    long weights;
    long gradients;
    long optimizer;
    if (full) {
      weights = 2L * total;
      gradients = 2L * total;
      optimizer = Math.multiplyExact((long) plan.optimizer().bytesPerParam(), total);
    } else {
      long base = 2L * total;
      if (plan.method() == TrainingPlan.Method.QLORA) {
        long sixteenBit = count.params(Component.EMBEDDINGS) + count.params(Component.LM_HEAD) + count.params(Component.NORMS);
        base = 2L * sixteenBit + (long) Math.ceil((total - sixteenBit) * NF4_BITS / 8.0);
      }
      weights = base + 4L * adapters;
      gradients = 4L * adapters;
      optimizer = Math.max(0, plan.optimizer().bytesPerParam() - 4) * adapters;
    }
    if (plan.zeroStage() >= 1) {
      optimizer = ceilDiv(optimizer, n);
    }
    if (plan.zeroStage() >= 2) {
      gradients = ceilDiv(gradients, n);
    }
    if (plan.zeroStage() >= 3) {
      weights = ceilDiv(weights, n);
    }
    double activations = 0;
    for (var layer : arch.layers()) {
      activations += plan.recompute().layerBytes(plan.seq(), plan.microBatch(), arch.hiddenSize(),
          scoreHeads(layer.attention()));
    }
    activations += 4.0 * plan.seq() * plan.microBatch() * arch.vocabSize();

    FlopsEstimator flops = new FlopsEstimator(arch, count);
    double forward = flops.forwardPerToken(plan.seq());
    double passes = full ? 3 : 2;
    double perToken = passes * forward;
    if (plan.recompute() == Recompute.FULL) {
      perToken += forward;
    } else if (plan.recompute() == Recompute.SELECTIVE) {
      perToken += flops.attentionScoreFlops(plan.seq());
    }
    double trainingFlops = perToken * plan.tokens();
    double flops6nd = 6.0 * count.activeParams() * plan.tokens();
    double peak = plan.gpu().denseFlopsPerSecond(ComputeDtype.BF16).orElseThrow(() -> new BadInputException(
        plan.gpu().id(), "the hardware catalog has no dense BF16 figure for this device"));
    double seconds = trainingFlops / (n * peak * plan.mfu());
    double gpuHours = seconds * n / 3600.0;
    double price = !Double.isNaN(plan.usdPerGpuHour()) ? plan.usdPerGpuHour()
        : plan.gpu().price().map(p -> p.usdPerHour()).orElse(Double.NaN);
    return new TrainingEstimate(full ? count.totalParams() : adapters, weights, gradients, optimizer,
        (long) Math.ceil(activations), flops6nd, trainingFlops, forward, seconds, gpuHours, price);
  }

  /**
   * Heads whose s×s attention scores the layer keeps (the 5as/h term of Korthikanti et al. 2022,
   * "Reducing Activation Recomputation in Large Transformer Models", eq. 1): none for a recurrent
   * mixer (Mamba-2, linear attention), whose state does not grow with s, or an MLP-only layer.
   * Every block keeps the paper's 34·sbh, an upper bound for a hybrid's single-mixer blocks.
   */
  static double scoreHeads(Attention attention) {
    return attention instanceof dev.paramscope.model.RecurrentMixer || attention instanceof dev.paramscope.model.NoMixer
        ? 0 : attention.numHeads();
  }

  private static long ceilDiv(long a, long b) {
    return a / b + (a % b == 0 ? 0 : 1);
  }
}
