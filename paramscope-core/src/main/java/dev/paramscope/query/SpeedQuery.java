package dev.paramscope.query;

import dev.paramscope.BadInputException;
import dev.paramscope.compute.AllReduce;
import dev.paramscope.compute.Roofline;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.hardware.ComputeDtype;
import dev.paramscope.hardware.DecodeProfile;
import dev.paramscope.hardware.Gpu;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.precision.StorageType;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@code paramscope speed}: prefill time and decode tokens/s from the roofline model plus a
 * per-step fixed cost. Answers for every accelerator in the catalog: when the catalog has no peak
 * at the compute dtype, a 16-bit, then the FP32 peak stands in (stated); with none at all the
 * compute bound is dropped, prefill time and the crossover batch are unknown, and decode is the
 * memory time alone (stated).
 *
 * <p>JSON keys: {@code model, gpu, gpus, context, batch, dtype, compute_dtype, peak_dtype,
 * compute_efficiency, bandwidth_efficiency, token_overhead_ms, decode_profile, prefill_seconds,
 * time_to_first_token_seconds, decode_step_seconds, decode_tokens_per_second_per_sequence,
 * decode_tokens_per_second_aggregate, bound, crossover_batch}.
 */
public final class SpeedQuery {
  private SpeedQuery() {}

  /**
   * @param bandwidthEfficiency share of peak bandwidth; null takes the accelerator's decode profile
   * @param tokenOverheadMs fixed cost per step in milliseconds; null takes the decode profile
   */
  public record Options(String gpu, long context, long batch, String dtype, String kvDtype, double efficiency,
      Double bandwidthEfficiency, Double tokenOverheadMs, boolean explain, Double hopLatencyUs) {
    /** Options with the default all-reduce hop latency. */
    public Options(String gpu, long context, long batch, String dtype, String kvDtype, double efficiency,
        Double bandwidthEfficiency, Double tokenOverheadMs, boolean explain) {
      this(gpu, context, batch, dtype, kvDtype, efficiency, bandwidthEfficiency, tokenOverheadMs, explain, null);
    }

    /** The per-hop latency of the tensor-parallel all-reduces, seconds. */
    double hopLatencySeconds() {
      return hopLatencyUs == null ? AllReduce.HOP_LATENCY_SECONDS : hopLatencyUs / 1e6;
    }
  }

  public static Report report(ResolvedModel model, Options o) {
    check(o);
    ModelArchitecture arch = Architectures.require(model);
    ParameterCount count = model.count().orElseThrow();
    GpuSpec spec = GpuSpec.parse(o.gpu());
    Gpu gpu = spec.gpu();
    ShippedDtype shipped = ShippedDtype.of(model, arch, o.dtype());
    WeightDtype weights = shipped.weights();
    KvDtype kv = o.kvDtype() == null ? KvDtype.forModel(arch.torchDtype()) : KvDtype.parse(o.kvDtype());
    ComputeDtype computeDtype = computeDtype(weights);
    ComputeDtype peakDtype = peakDtype(gpu, computeDtype);
    double peak = peakDtype == null ? Double.NaN : gpu.denseFlopsPerSecond(peakDtype).getAsDouble();
    DecodeProfile profile = gpu.decode();
    double bandwidthEfficiency = o.bandwidthEfficiency() != null ? o.bandwidthEfficiency() : profile.bandwidthEfficiency();
    double overheadSeconds = o.tokenOverheadMs() != null ? o.tokenOverheadMs() / 1e3 : profile.tokenOverheadSeconds();
    Roofline roofline = new Roofline(arch, count, weights.bytes(arch, count));
    Roofline.Speed s = roofline.speed(gpu, spec.count(), peak, o.context(), o.batch(), kv, o.efficiency(),
        bandwidthEfficiency, overheadSeconds, o.hopLatencySeconds());
    Report.Builder b = Report.builder(Message.of("title.speed", model.name(), spec.label()));
    fields(b, model, spec, o, weights, computeDtype, peakDtype, bandwidthEfficiency, overheadSeconds, s);
    shipped.source(b);
    shipped.note(b);
    b.note("note.speed.assumptions");
    if (spec.count() > 1) {
      b.note(Message.of("note.speed.all_reduce", Integer.toString(spec.count()),
          String.format(Locale.ROOT, "%.0f", AllReduce.linkBytesPerSecond(gpu) / 1e9),
          String.format(Locale.ROOT, "%.1f", o.hopLatencySeconds() * 1e6)));
    }
    b.note(Message.of(profile.borrowedFrom().isEmpty() ? "note.speed.decode_profile" : "note.speed.decode_profile_borrowed",
        profile.key(), String.format(Locale.ROOT, "%.2f", overheadSeconds * 1e3),
        String.format(Locale.ROOT, "%.2f", bandwidthEfficiency), profile.source(), profile.borrowedFrom()));
    if (peakDtype == null) {
      b.note(Message.of("note.speed.no_peak", gpu.id()));
    } else if (peakDtype != computeDtype) {
      b.note(Message.of("note.speed.peak_stand_in", gpu.id(), computeDtype.jsonKey(), peakDtype.jsonKey()));
    }
    explain(o.explain(), s, peak, peakDtype, spec, bandwidthEfficiency, o.hopLatencySeconds()).addTo(b);
    return b.build();
  }

  private static void fields(Report.Builder b, ResolvedModel model, GpuSpec spec, Options o, WeightDtype weights,
      ComputeDtype computeDtype, ComputeDtype peakDtype, double bandwidthEfficiency, double overheadSeconds,
      Roofline.Speed s) {
    b.text("model", model.name())
        .text("gpu", spec.gpu().id())
        .field("gpus", new Value.Int(spec.count()))
        .field("context", new Value.Int(o.context()))
        .field("batch", new Value.Int(o.batch()))
        .text("dtype", weights.label())
        // the dtype the GPU computes in: fp8 weights on a card without an fp8 peak run at its bf16 peak
        .text("compute_dtype", (peakDtype == null ? computeDtype : peakDtype).jsonKey())
        .field("peak_dtype", peakDtype == null ? new Value.Missing() : new Value.Text(peakDtype.jsonKey()))
        .field("compute_efficiency", new Value.Decimal(o.efficiency(), "%.2f"))
        .field("bandwidth_efficiency", new Value.Decimal(bandwidthEfficiency, "%.2f"))
        .field("token_overhead_ms", new Value.Decimal(overheadSeconds * 1e3, "%.2f"))
        .text("decode_profile", spec.gpu().decode().key())
        .field("prefill_seconds", seconds(s.prefillSeconds()))
        .field("time_to_first_token_seconds", seconds(s.prefillSeconds()))
        .field("decode_step_seconds", seconds(s.stepSeconds()))
        .field("decode_step_communication_seconds", seconds(s.stepCommunicationSeconds()))
        .field("decode_tokens_per_second_per_sequence", new Value.Decimal(s.tokensPerSecondPerSequence(), "%.1f"))
        .field("decode_tokens_per_second_aggregate", new Value.Decimal(s.tokensPerSecondAggregate(), "%.1f"))
        .term("bound", s.bound())
        .field("crossover_batch", crossover(s));
  }

  private static void check(Options o) {
    if (!(o.efficiency() > 0 && o.efficiency() <= 1)) {
      throw new BadInputException("--efficiency", "must be in (0, 1], got " + o.efficiency());
    }
    if (o.bandwidthEfficiency() != null && !(o.bandwidthEfficiency() > 0 && o.bandwidthEfficiency() <= 1)) {
      throw new BadInputException("--bandwidth-efficiency", "must be in (0, 1], got " + o.bandwidthEfficiency());
    }
    if (o.tokenOverheadMs() != null && !(o.tokenOverheadMs() >= 0 && o.tokenOverheadMs() <= 1000)) {
      throw new BadInputException("--token-overhead-ms", "must be between 0 and 1000 ms, got " + o.tokenOverheadMs());
    }
    if (o.gpu() == null) {
      throw new BadInputException("--gpu", "speed needs a GPU, e.g. --gpu h100 or --gpu h100x8");
    }
    if (o.hopLatencyUs() != null && !(o.hopLatencyUs() >= 0 && o.hopLatencyUs() <= 1e6)) {
      throw new BadInputException("--hop-latency-us", "must be between 0 and 1,000,000 µs, got " + o.hopLatencyUs());
    }
  }

  /** The dtype whose peak bounds compute: the compute dtype, else a 16-bit one, else FP32; null if none. */
  static ComputeDtype peakDtype(Gpu gpu, ComputeDtype wanted) {
    for (ComputeDtype d : List.of(wanted, ComputeDtype.BF16, ComputeDtype.FP16, ComputeDtype.FP32)) {
      OptionalDouble peak = gpu.denseFlopsPerSecond(d);
      if (peak.isPresent()) {
        return d;
      }
    }
    return null;
  }

  private static Explain explain(boolean enabled, Roofline.Speed s, double peak, ComputeDtype peakDtype, GpuSpec spec,
      double bandwidthEfficiency, double hopLatencySeconds) {
    Explain x = new Explain(enabled);
    x.add("prefill_seconds", seconds(s.prefillSeconds()),
        "overhead + max(batch × context × forward FLOPs per token / (GPUs × peak × efficiency), weight bytes / (GPUs × bandwidth × efficiency))",
        String.format(Locale.ROOT, "FLOPs = %.3e, peak = %.3e FLOP/s (%s), GPUs = %d", s.prefillFlops(), peak,
            peakDtype == null ? "none" : peakDtype.jsonKey(), spec.count()),
        "roofline (Williams et al. 2009); peak from " + spec.gpu().sourceOf("dense_tflops."
            + (peakDtype == null ? "" : peakDtype.jsonKey())).orElse("no catalog figure"));
    x.add("decode_step_seconds", seconds(s.stepSeconds()),
        "overhead + max(batch × forward FLOPs / compute rate, (weights touched + KV cache) / byte rate); MoE experts touched = E(1-(1-k/E)^batch)",
        String.format(Locale.ROOT, "overhead %.3e s, compute %.3e s, memory %.3e s, bandwidth %d B/s × %.2f",
            s.stepOverheadSeconds(), s.stepComputeSeconds(), s.stepMemorySeconds(),
            spec.gpu().memoryBandwidthBytesPerSecond(), bandwidthEfficiency),
        "roofline; uniform expert routing (stated); overhead and efficiency from " + spec.gpu().decode().source());
    x.add("decode_step_communication_seconds", seconds(s.stepCommunicationSeconds()),
        "2 all-reduces per layer of batch × hidden × 2 bytes; ring: 2(n−1)/n × bytes / link bandwidth + 2(n−1) × hop latency",
        String.format(Locale.ROOT, "GPUs = %d, link = %.3e B/s each way (%s), hop latency = %.1e s", spec.count(),
            AllReduce.linkBytesPerSecond(spec.gpu()), spec.gpu().interconnect().isEmpty() ? "PCIe 4.0 x16, assumed"
                : spec.gpu().interconnect(), hopLatencySeconds),
        "Megatron-LM (arXiv:1909.08053) §3; Patarasuk & Yuan 2009 (ring all-reduce); link from "
            + spec.gpu().sourceOf("interconnect").orElse("no catalog figure"));
    return x;
  }

  private static Value crossover(Roofline.Speed s) {
    if (!s.computeBounded()) {
      return new Value.Missing();
    }
    return s.crossoverBatch() < 0 ? new Value.Term("never") : new Value.Int(s.crossoverBatch());
  }

  private static Value seconds(double s) {
    return Double.isNaN(s) ? new Value.Missing() : new Value.Decimal(s, "%.4g s");
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
