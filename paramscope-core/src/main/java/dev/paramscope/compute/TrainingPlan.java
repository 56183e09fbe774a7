package dev.paramscope.compute;

import dev.paramscope.BadInputException;
import dev.paramscope.hardware.Gpu;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a user plans to train: tokens, hardware, efficiency and method. Validated here, so every
 * estimator reads sane values.
 *
 * @param tokens training tokens D
 * @param gpu the accelerator
 * @param gpuCount data-parallel GPUs (ZeRO shards over them)
 * @param mfu model FLOPs utilisation in (0, 1]
 * @param method full fine-tuning / pre-training, LoRA or QLoRA
 * @param loraRank adapter rank (LoRA, QLoRA)
 * @param loraTargets adapted projections (LoRA, QLoRA)
 * @param zeroStage ZeRO stage 0-3 (Rajbhandari et al. 2020)
 * @param optimizer optimizer
 * @param recompute activation recomputation policy
 * @param microBatch sequences per GPU per step
 * @param seq sequence length
 * @param usdPerGpuHour price, or NaN to use the catalog's
 */
public record TrainingPlan(long tokens, Gpu gpu, int gpuCount, double mfu, Method method, int loraRank,
    List<String> loraTargets, int zeroStage, Optimizer optimizer, Recompute recompute, int microBatch, int seq,
    double usdPerGpuHour) {

  public enum Method {
    FULL, LORA, QLORA;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Method parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown method '" + text + "' (expected full, lora or qlora)");
      }
    }
  }

  public TrainingPlan {
    Objects.requireNonNull(gpu, "gpu");
    if (tokens <= 0) {
      throw new BadInputException("--tokens", "must be positive, got " + tokens);
    }
    if (gpuCount <= 0) {
      throw new BadInputException("--gpu", "GPU count must be positive, got " + gpuCount);
    }
    if (!(mfu > 0 && mfu <= 1)) {
      throw new BadInputException("--mfu", "must be in (0, 1], got " + mfu);
    }
    if (zeroStage < 0 || zeroStage > 3) {
      throw new BadInputException("--zero", "must be 0, 1, 2 or 3, got " + zeroStage);
    }
    if (microBatch <= 0 || seq <= 0) {
      throw new BadInputException("--micro-batch/--seq", "must be positive");
    }
    if (method != Method.FULL && loraRank <= 0) {
      throw new BadInputException("--lora-rank", "must be positive, got " + loraRank);
    }
    if (!Double.isNaN(usdPerGpuHour) && usdPerGpuHour < 0) {
      throw new BadInputException("--price", "must not be negative, got " + usdPerGpuHour);
    }
    loraTargets = List.copyOf(loraTargets);
  }
}
