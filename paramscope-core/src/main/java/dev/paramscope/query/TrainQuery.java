package dev.paramscope.query;

import dev.paramscope.compute.Optimizer;
import dev.paramscope.compute.Recompute;
import dev.paramscope.units.ByteUnit;
import dev.paramscope.units.Quantities;
import dev.paramscope.compute.TrainingEstimate;
import dev.paramscope.compute.TrainingEstimator;
import dev.paramscope.compute.TrainingPlan;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.List;
import java.util.Locale;

/**
 * {@code paramscope train}: memory per GPU, FLOPs, time, GPU-hours and cost of a training plan.
 *
 * <p>JSON keys: {@code model, method, tokens, gpu, gpus, mfu, zero, optimizer, recompute,
 * micro_batch, seq, trained_params, training_flops_6nd, training_flops, time_seconds, gpu_hours,
 * usd_per_gpu_hour, cost_usd, memory_per_gpu {weights, gradients, optimizer, activations, total},
 * fits_memory}.
 */
public final class TrainQuery {
  private TrainQuery() {}

  public record Options(long tokens, String gpu, double mfu, String method, int loraRank, List<String> loraTargets,
      int zero, String optimizer, String recompute, int microBatch, int seq, double price, boolean explain) {}

  public static Report report(ResolvedModel model, Options o) {
    ModelArchitecture arch = Architectures.require(model);
    ParameterCount count = model.count().orElseThrow();
    GpuSpec spec = GpuSpec.parse(o.gpu() == null ? "h100-sxm x8" : o.gpu());
    TrainingPlan.Method method = TrainingPlan.Method.parse(o.method());
    TrainingPlan plan = new TrainingPlan(o.tokens(), spec.gpu(), spec.count(), o.mfu(),
        method, o.loraRank(), o.loraTargets(), o.zero(), Optimizer.parse(o.optimizer()),
        o.recompute() == null ? defaultRecompute(method) : Recompute.parse(o.recompute()), o.microBatch(), o.seq(),
        o.price());
    TrainingEstimate e = TrainingEstimator.estimate(arch, count, plan);
    boolean fits = e.totalBytes() <= spec.gpu().usableMemoryBytes();
    Report.Builder b = Report.builder(Message.of("title.train", model.name(), spec.label()))
        .text("model", model.name())
        .text("method", plan.method().label())
        .count("tokens", o.tokens())
        .text("gpu", spec.gpu().id())
        .field("gpus", new Value.Int(spec.count()))
        .field("mfu", new Value.Decimal(o.mfu(), "%.2f"))
        .field("zero", new Value.Int(o.zero()))
        .text("optimizer", plan.optimizer().label())
        .text("recompute", plan.recompute().label())
        .field("micro_batch", new Value.Int(o.microBatch()))
        .field("seq", new Value.Int(o.seq()))
        .count("trained_params", e.trainedParams())
        .field("training_flops_6nd", new Value.Decimal(e.flops6nd(), "%.4g"))
        .field("training_flops", new Value.Decimal(e.flops(), "%.4g"))
        .field("time_seconds", new Value.Decimal(e.timeSeconds(), "%.4g"))
        .field("time_days", new Value.Decimal(e.timeSeconds() / 86400, "%.2f"))
        .field("gpu_hours", new Value.Decimal(e.gpuHours(), "%.4g"))
        .field("usd_per_gpu_hour", Double.isNaN(e.usdPerGpuHour()) ? new Value.Missing() : new Value.Decimal(e.usdPerGpuHour(), "%.2f"))
        .field("cost_usd", Double.isNaN(e.costUsd()) ? new Value.Missing() : new Value.Decimal(e.costUsd(), "%.4g"))
        .entry(new Entry.Group("memory_per_gpu", List.of(
            new Entry.Field("weights", new Value.Bytes(e.weightsBytes())),
            new Entry.Field("gradients", new Value.Bytes(e.gradientsBytes())),
            new Entry.Field("optimizer", new Value.Bytes(e.optimizerBytes())),
            new Entry.Field("activations", new Value.Bytes(e.activationsBytes())),
            new Entry.Field("total", new Value.Bytes(e.totalBytes())))))
        .flag("fits_memory", fits);
    b.note("note.train.assumptions", String.format(Locale.ROOT, "%.2f", o.mfu()));
    if (Double.isNaN(e.usdPerGpuHour())) {
      b.note("note.train.no_price");
    }
    if (o.recompute() == null && method != TrainingPlan.Method.FULL) {
      b.note("note.train.lora_recompute");
    }
    if (!fits) {
      b.note("note.train.does_not_fit", Quantities.bytes(e.totalBytes(), ByteUnit.GIB),
          Quantities.bytes(spec.gpu().usableMemoryBytes(), ByteUnit.GIB));
    }
    Explain x = new Explain(o.explain());
    x.add("training_flops_6nd", new Value.Decimal(e.flops6nd(), "%.4g"), "6 × N_active × D",
        "N = " + count.activeParams() + ", D = " + o.tokens(), "Kaplan et al. 2020, eq. 2.1");
    x.add("training_flops", new Value.Decimal(e.flops(), "%.4g"),
        "D × (3 × forward per token (2× for LoRA/QLoRA) + recompute)",
        String.format(Locale.ROOT, "forward per token = %.4g at seq %d, recompute = %s", e.forwardFlopsPerToken(),
            o.seq(), plan.recompute().label()), "Kaplan et al. 2020, Table 1 (causal mean context)");
    x.add("time_seconds", new Value.Decimal(e.timeSeconds(), "%.4g"), "training FLOPs / (GPUs × dense BF16 peak × MFU)",
        "GPUs = " + spec.count() + ", MFU = " + o.mfu(), "peak: " + String.join("; ", spec.gpu().sources()));
    x.add("memory_per_gpu.optimizer", new Value.Bytes(e.optimizerBytes()),
        method == TrainingPlan.Method.FULL
            ? "bytes per trained parameter of " + plan.optimizer().label() + " (FP32 master included), sharded by ZeRO ≥ 1"
            : "bytes per adapter parameter of " + plan.optimizer().label() + " (FP32 adapters need no master copy)",
        "bytes/param = " + optimizerBytesPerParam(plan) + ", ZeRO = " + o.zero(), "Rajbhandari et al. 2020, ZeRO §3.1, §5");
    x.add("memory_per_gpu.activations", new Value.Bytes(e.activationsBytes()),
        "layers × s·b·h·(34 + 5as/h) (none) | 34sbh (selective) | 2sbh (full), + s·b·V·4 logits",
        "s = " + o.seq() + ", b = " + o.microBatch() + ", h = " + arch.hiddenSize(), "Korthikanti et al. 2022, eq. 1");
    x.addTo(b);
    return b.build();
  }

  /**
   * Megatron's selective recompute for full training; for LoRA and QLoRA, which run under Hugging
   * Face PEFT and transformers, whole-layer checkpointing: they offer no selective mode, and
   * PEFT's {@code prepare_model_for_kbit_training} turns {@code use_gradient_checkpointing} on by
   * default (https://huggingface.co/docs/peft/developer_guides/quantization).
   */
  static Recompute defaultRecompute(TrainingPlan.Method method) {
    return method == TrainingPlan.Method.FULL ? Recompute.SELECTIVE : Recompute.FULL;
  }

  /** As {@link dev.paramscope.compute.TrainingEstimator} charges it: adapters are FP32 already. */
  private static int optimizerBytesPerParam(TrainingPlan plan) {
    int full = plan.optimizer().bytesPerParam();
    return plan.method() == TrainingPlan.Method.FULL ? full : Math.max(0, full - 4);
  }
}
