package dev.paramscope.query;

import dev.paramscope.BadInputException;
import dev.paramscope.compute.Roofline;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.hardware.ComputeDtype;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.precision.StorageType;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.Locale;

/**
 * {@code paramscope speed}: prefill time and decode tokens/s from the roofline model.
 *
 * <p>JSON keys: {@code model, gpu, gpus, context, batch, dtype, compute_dtype, compute_efficiency,
 * bandwidth_efficiency, prefill_seconds, time_to_first_token_seconds, decode_step_seconds,
 * decode_tokens_per_second_per_sequence, decode_tokens_per_second_aggregate, bound,
 * crossover_batch}.
 */
public final class SpeedQuery {
  private SpeedQuery() {}

  public record Options(String gpu, long context, long batch, String dtype, String kvDtype, double efficiency,
      double bandwidthEfficiency, boolean explain) {}

  public static Report report(ResolvedModel model, Options o) {
    if (!(o.efficiency() > 0 && o.efficiency() <= 1) || !(o.bandwidthEfficiency() > 0 && o.bandwidthEfficiency() <= 1)) {
      throw new BadInputException("--efficiency", "efficiencies must be in (0, 1]");
    }
    if (o.gpu() == null) {
      throw new BadInputException("--gpu", "speed needs a GPU, e.g. --gpu h100 or --gpu h100x8");
    }
    ModelArchitecture arch = Architectures.require(model);
    ParameterCount count = model.count().orElseThrow();
    GpuSpec spec = GpuSpec.parse(o.gpu());
    WeightDtype weights = o.dtype() == null ? WeightDtype.forModel(arch.torchDtype()) : WeightDtype.parse(o.dtype());
    KvDtype kv = o.kvDtype() == null ? KvDtype.forModel(arch.torchDtype()) : KvDtype.parse(o.kvDtype());
    ComputeDtype computeDtype = computeDtype(weights);
    double peak = spec.gpu().denseFlopsPerSecond(computeDtype).orElse(
        spec.gpu().denseFlopsPerSecond(ComputeDtype.BF16).orElse(spec.gpu().denseFlopsPerSecond(ComputeDtype.FP16)
            .orElseThrow(() -> new BadInputException(spec.gpu().id(), "no dense 16-bit peak in the hardware catalog"))));
    Roofline roofline = new Roofline(arch, count, weights.bytes(arch, count));
    Roofline.Speed s = roofline.speed(spec.gpu(), spec.count(), peak, o.context(), o.batch(), kv, o.efficiency(),
        o.bandwidthEfficiency());
    Report.Builder b = Report.builder(Message.of("title.speed", model.name(), spec.label()))
        .text("model", model.name())
        .text("gpu", spec.gpu().id())
        .field("gpus", new Value.Int(spec.count()))
        .field("context", new Value.Int(o.context()))
        .field("batch", new Value.Int(o.batch()))
        .text("dtype", weights.label())
        .text("compute_dtype", computeDtype.jsonKey())
        .field("compute_efficiency", new Value.Decimal(o.efficiency(), "%.2f"))
        .field("bandwidth_efficiency", new Value.Decimal(o.bandwidthEfficiency(), "%.2f"))
        .field("prefill_seconds", seconds(s.prefillSeconds()))
        .field("time_to_first_token_seconds", seconds(s.prefillSeconds()))
        .field("decode_step_seconds", seconds(s.stepSeconds()))
        .field("decode_tokens_per_second_per_sequence", new Value.Decimal(s.tokensPerSecondPerSequence(), "%.1f"))
        .field("decode_tokens_per_second_aggregate", new Value.Decimal(s.tokensPerSecondAggregate(), "%.1f"))
        .term("bound", s.bound())
        .field("crossover_batch", s.crossoverBatch() < 0 ? new Value.Term("never") : new Value.Int(s.crossoverBatch()));
    b.note("note.speed.assumptions");
    Explain x = new Explain(o.explain());
    x.add("prefill_seconds", seconds(s.prefillSeconds()),
        "max(batch × context × forward FLOPs per token / (GPUs × peak × efficiency), weight bytes / (GPUs × bandwidth × efficiency))",
        String.format(Locale.ROOT, "FLOPs = %.3e, peak = %.3e FLOP/s (%s), GPUs = %d", s.prefillFlops(), peak,
            computeDtype.jsonKey(), spec.count()), "roofline (Williams et al. 2009); peak from " + spec.gpu().sources());
    x.add("decode_step_seconds", seconds(s.stepSeconds()),
        "max(batch × forward FLOPs / compute rate, (weights touched + KV cache) / byte rate); MoE experts touched = E(1-(1-k/E)^batch)",
        String.format(Locale.ROOT, "compute %.3e s, memory %.3e s, bandwidth %d B/s", s.stepComputeSeconds(),
            s.stepMemorySeconds(), spec.gpu().memoryBandwidthBytesPerSecond()), "roofline; uniform expert routing (stated)");
    x.addTo(b);
    return b.build();
  }

  private static Value seconds(double s) {
    return new Value.Decimal(s, "%.4g s");
  }

  static ComputeDtype computeDtype(WeightDtype weights) {
    StorageType base = weights.base();
    if (base == StorageType.FP8 && !weights.mixed()) {
      return ComputeDtype.FP8;
    }
    if (base == StorageType.INT8 && !weights.mixed()) {
      return ComputeDtype.INT8;
    }
    if (base == StorageType.FP32) {
      return ComputeDtype.FP32;
    }
    return ComputeDtype.BF16;
  }
}
