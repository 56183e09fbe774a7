package dev.paramscope.query;

import dev.paramscope.BadInputException;
import dev.paramscope.catalog.FigureStatus;
import dev.paramscope.catalog.ParamFigure;
import dev.paramscope.forensics.ClaimCheck;
import dev.paramscope.forensics.DecodeSpeedBound;
import dev.paramscope.forensics.LogitMatrixReader;
import dev.paramscope.forensics.LogitRank;
import dev.paramscope.forensics.LogitRankEstimator;
import dev.paramscope.forensics.PriceBound;
import dev.paramscope.forensics.SizeInterval;
import dev.paramscope.forensics.ValueRange;
import dev.paramscope.forensics.WidthScaling;
import dev.paramscope.hardware.ComputeDtype;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code paramscope forensics}: what a closed model's observable behaviour says about its size,
 * each method an interval with its inputs, beside every published figure for the model.
 *
 * <p>JSON keys: {@code model, logit_rank{…}, decode_speed{…}, price{…}, intervals: [{method,
 * quantity, low, high, loose}], claims: [{total_params, active_params, status, verdict, outside,
 * source}], verdict}. Each group appears only when its observable was given.
 */
public final class ForensicsQuery {
  private ForensicsQuery() {}

  /**
   * @param source a catalog id or config whose published figures are tested, or null
   * @param logits a .npy or CSV file of full-vocabulary logit vectors, or null
   * @param tokensPerSecond observed decode speed of one sequence, or null
   * @param gpu accelerator id, optionally {@code xN}
   * @param gpus accelerators per model copy, overriding {@code xN}; null to keep it
   * @param dtype weight storage type while serving
   * @param pricePerMtok API price per million output tokens in USD, or null
   * @param gpuHourPrice range of an accelerator-hour's cost to the provider, {@code LOW-HIGH} USD
   * @param utilisation range of the achieved share of peak compute while serving
   * @param margin range of the provider's margin as a share of the price
   */
  public record Options(String source, Path logits, Double tokensPerSecond, String gpu, Integer gpus, String dtype,
      double bandwidthEfficiency, double speculativeSpeedup, Double pricePerMtok, String gpuHourPrice,
      String utilisation, String margin) {}

  public static Report report(Options o) {
    if (o.source() == null && o.logits() == null && o.tokensPerSecond() == null && o.pricePerMtok() == null) {
      throw new BadInputException("forensics",
          "give a model to test and/or an observable: --logits, --tokens-per-second or --price-per-mtok");
    }
    ResolvedModel model = o.source() == null ? null : ModelSource.resolve(o.source(), null);
    Report.Builder b = Report.builder(model == null ? Message.of("title.forensics.anonymous")
        : Message.of("title.forensics", model.name()));
    if (model != null) {
      b.text("model", model.label());
    }
    List<SizeInterval> intervals = new ArrayList<>();
    if (o.logits() != null) {
      logitRank(b, o.logits(), intervals);
    }
    if (o.tokensPerSecond() != null || o.pricePerMtok() != null) {
      GpuSpec spec = GpuSpec.parse(o.gpu() == null ? "h100" : o.gpu());
      if (o.tokensPerSecond() != null) {
        decodeSpeed(b, o, spec, intervals);
      }
      if (o.pricePerMtok() != null) {
        price(b, o, spec, intervals);
      }
    }
    b.entry(intervalTable(intervals));
    claims(b, model, intervals);
    return b.build();
  }

  private static void logitRank(Report.Builder b, Path file, List<SizeInterval> intervals) {
    LogitRank rank = LogitRankEstimator.estimate(LogitMatrixReader.read(file), file.toString());
    List<Entry> group = new ArrayList<>();
    group.add(new Entry.Field("file", new Value.Text(file.toString())));
    group.add(new Entry.Field("rows", new Value.Int(rank.rows())));
    group.add(new Entry.Field("vocabulary", new Value.Int(rank.vocabulary())));
    group.add(new Entry.Field("rank", new Value.Int(rank.rank())));
    group.add(new Entry.Field("width_low", new Value.Int(rank.widthLow())));
    group.add(new Entry.Field("width_high", rank.saturated() ? new Value.Missing() : new Value.Int(rank.widthHigh())));
    group.add(new Entry.Field("gap_ratio", new Value.Decimal(rank.gapRatio(), "%.3g")));
    group.add(new Entry.Field("second_gap_ratio", new Value.Decimal(rank.secondGapRatio(), "%.3g")));
    group.add(new Entry.Field("confidence", new Value.Term(rank.confidence())));
    group.add(new Entry.Field("saturated", new Value.Flag(rank.saturated())));
    double widthHigh = rank.saturated() ? Double.POSITIVE_INFINITY : rank.widthHigh();
    intervals.add(new SizeInterval("logit_rank", "hidden_width", rank.widthLow(), widthHigh, false));
    group.add(widthFits(rank, intervals));
    b.entry(new Entry.Group("logit_rank", group));
    b.note("note.forensics.logit_rank", Integer.toString(WidthScaling.MIN_WIDTH));
  }

  /** Parameter intervals from the width through each catalog fit, and the fits as a table. */
  private static Entry widthFits(LogitRank rank, List<SizeInterval> intervals) {
    double open = Double.POSITIVE_INFINITY;
    List<List<Value>> fits = new ArrayList<>();
    for (WidthScaling fit : WidthScaling.fromCatalog()) {
      String method = "logit_rank_" + fit.kind();
      long high = rank.saturated() ? Long.MAX_VALUE : rank.widthHigh();
      double[] total = fit.totalParams(rank.widthLow(), high, rank.vocabulary());
      double[] active = fit.activeParams(rank.widthLow(), high, rank.vocabulary());
      intervals.add(new SizeInterval(method, "total_params", total[0], rank.saturated() ? open : total[1], false));
      if (fit.kind().equals("moe")) {
        intervals.add(new SizeInterval(method, "active_params", active[0], rank.saturated() ? open : active[1], false));
      }
      fits.add(List.of(new Value.Term(fit.kind()), new Value.Int(fit.models()),
          new Value.Decimal(fit.bodyPerWidthCubedLow(), "%.3g"), new Value.Decimal(fit.bodyPerWidthCubedHigh(), "%.3g"),
          new Value.Decimal(fit.activeBodyPerWidthCubedLow(), "%.3g"),
          new Value.Decimal(fit.activeBodyPerWidthCubedHigh(), "%.3g"),
          new Value.Decimal(fit.depthPerWidthLow(), "%.4f"), new Value.Decimal(fit.depthPerWidthHigh(), "%.4f"),
          new Value.Decimal(fit.perLayerLow(), "%.1f"), new Value.Decimal(fit.perLayerHigh(), "%.1f"),
          new Value.Decimal(fit.logSpread(), "%.2f")));
    }
    return new Entry.Table("width_fits", List.of("kind", "models", "body_per_width_cubed_low",
        "body_per_width_cubed_high",
        "active_body_per_width_cubed_low", "active_body_per_width_cubed_high", "depth_per_width_low",
        "depth_per_width_high", "per_layer_low", "per_layer_high", "log_spread"), fits,
        List.of("kind", "models", "body_per_width_cubed_low", "body_per_width_cubed_high", "log_spread"));
  }

  private static void decodeSpeed(Report.Builder b, Options o, GpuSpec spec, List<SizeInterval> intervals) {
    WeightDtype dtype = WeightDtype.parse(o.dtype());
    int gpus = o.gpus() == null ? spec.count() : o.gpus();
    DecodeSpeedBound bound = new DecodeSpeedBound(o.tokensPerSecond(), gpus, spec.gpu().memoryBandwidthBytesPerSecond(),
        peak(spec, dtype), spec.gpu().memoryBytes(), dtype.base().bitsPerParam() / 8, o.bandwidthEfficiency(),
        o.speculativeSpeedup());
    b.entry(new Entry.Group("decode_speed", List.of(
        new Entry.Field("tokens_per_second", new Value.Decimal(o.tokensPerSecond(), "%.4g")),
        new Entry.Field("gpu", new Value.Text(spec.gpu().id())),
        new Entry.Field("gpus", new Value.Int(gpus)),
        new Entry.Field("dtype", new Value.Text(dtype.label())),
        new Entry.Field("bytes_per_param", new Value.Decimal(bound.bytesPerParam(), Value.Decimal.EXACT)),
        new Entry.Field("bandwidth_efficiency", new Value.Decimal(o.bandwidthEfficiency(), "%.2f")),
        new Entry.Field("speculative_speedup", new Value.Decimal(o.speculativeSpeedup(), "%.2f")),
        new Entry.Field("bandwidth_bound_params", count(bound.bandwidthBoundParams())),
        new Entry.Field("compute_bound_params", count(bound.computeBoundParams())),
        new Entry.Field("capacity_bound_params", count(bound.capacityBoundParams())),
        new Entry.Field("binds", new Value.Term(bound.binds())))));
    intervals.add(new SizeInterval("decode_speed", "active_params", 0, bound.activeParamsHigh(), false));
    b.note("note.forensics.decode_speed", spec.gpu().sources().get(0));
  }

  private static void price(Report.Builder b, Options o, GpuSpec spec, List<SizeInterval> intervals) {
    ValueRange hour = ValueRange.parse("--gpu-hour-price", o.gpuHourPrice());
    ValueRange util = ValueRange.parse("--utilisation", o.utilisation());
    ValueRange margin = ValueRange.parse("--margin", o.margin());
    WeightDtype dtype = WeightDtype.parse(o.dtype());
    PriceBound bound = new PriceBound(o.pricePerMtok(), peak(spec, dtype), hour, util, margin);
    b.entry(new Entry.Group("price", List.of(
        new Entry.Field("price_per_mtok_usd", new Value.Decimal(o.pricePerMtok(), "$%.4g")),
        new Entry.Field("gpu", new Value.Text(spec.gpu().id())),
        new Entry.Field("peak_flops_per_second", new Value.Decimal(bound.flopsPerSecond(), "%.3e")),
        new Entry.Field("gpu_hour_usd", new Value.Text(hour.toString())),
        new Entry.Field("utilisation", new Value.Text(util.toString())),
        new Entry.Field("margin", new Value.Text(margin.toString())),
        new Entry.Field("active_params_low", count(bound.activeParamsLow())),
        new Entry.Field("active_params_high", count(bound.activeParamsHigh())),
        new Entry.Field("loose", new Value.Flag(true)))));
    intervals.add(new SizeInterval("price", "active_params", bound.activeParamsLow(), bound.activeParamsHigh(), true));
    b.note("note.forensics.price");
  }

  /** Dense peak at the serving dtype's compute type, else BF16. */
  private static double peak(GpuSpec spec, WeightDtype dtype) {
    ComputeDtype compute = SpeedQuery.computeDtype(dtype);
    return spec.gpu().denseFlopsPerSecond(compute).orElse(spec.gpu().denseFlopsPerSecond(ComputeDtype.BF16)
        .orElseThrow(() -> new BadInputException(spec.gpu().id(), "no dense BF16 peak in the hardware catalog")));
  }

  private static Entry intervalTable(List<SizeInterval> intervals) {
    List<List<Value>> rows = new ArrayList<>();
    for (SizeInterval i : intervals) {
      boolean width = i.quantity().equals("hidden_width");
      Value low = i.low() == 0 ? new Value.Missing() : width ? new Value.Int((long) i.low()) : count(i.low());
      Value high = Double.isInfinite(i.high()) ? new Value.Missing()
          : width ? new Value.Int((long) i.high()) : count(i.high());
      rows.add(List.of(new Value.Term(i.method()), new Value.Term(i.quantity()), low, high, new Value.Flag(i.loose())));
    }
    return new Entry.Table("intervals", List.of("method", "quantity", "low", "high", "loose"), rows);
  }

  private static void claims(Report.Builder b, ResolvedModel model, List<SizeInterval> intervals) {
    List<ParamFigure> figures = model == null ? List.of() : figures(model);
    List<List<Value>> rows = new ArrayList<>();
    int inside = 0;
    for (ParamFigure f : figures) {
      List<String> outside = ClaimCheck.outside(f.totalParams(), f.activeParams(), intervals);
      inside += outside.isEmpty() ? 1 : 0;
      rows.add(List.of(new Value.Count(f.totalParams()), Value.countOrMissing(f.activeParams()),
          new Value.Term(f.status().jsonKey()), new Value.Term(outside.isEmpty() ? "inside" : "outside"),
          new Value.Text(String.join(", ", outside)),
          new Value.Labelled(f.source(), ModelSource.shortCitation(f.source()))));
    }
    b.entry(new Entry.Table("claims", List.of("total_params", "active_params", "status", "verdict", "outside", "source"),
        rows));
    String verdict = intervals.isEmpty() || figures.isEmpty() ? "untested"
        : inside == figures.size() ? "consistent" : inside == 0 ? "contradicted" : "mixed";
    b.term("verdict", verdict);
    b.note("note.forensics.verdict." + verdict, Integer.toString(inside), Integer.toString(figures.size()));
    if (!figures.isEmpty()) {
      b.note("note.forensics.dense_reading");
    }
  }

  /** The model's published figures: a closed model's headline and others; an open model's exact count. */
  private static List<ParamFigure> figures(ResolvedModel model) {
    List<ParamFigure> all = new ArrayList<>();
    if (model.count().isPresent()) {
      all.add(new ParamFigure(model.totalParams(), model.count().get().isSparse() ? model.activeParams() : null,
          FigureStatus.EXACT, model.source(), ""));
    } else {
      all.add(new ParamFigure(model.totalParams(), model.activeParams(), FigureStatus.fromJsonKey(model.status()),
          model.source(), model.note() == null ? "" : model.note()));
    }
    all.addAll(model.otherFigures().stream()
        .filter(f -> model.count().isEmpty() || f.status() != FigureStatus.EXACT).toList());
    return all;
  }

  private static Value count(double params) {
    return new Value.Count(params >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(params));
  }
}
