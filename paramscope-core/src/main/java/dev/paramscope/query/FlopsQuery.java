package dev.paramscope.query;

import dev.paramscope.compute.FlopsEstimator;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code paramscope flops}: forward FLOPs per token by component, against the 2N rule.
 *
 * <p>JSON keys: {@code model, context, forward_flops_per_token, flops_2n, exact_over_2n,
 * training_flops_per_token (3× forward), training_flops_per_token_full_recompute (4×),
 * by_part: [{part, flops_per_token, share}]}.
 */
public final class FlopsQuery {
  private FlopsQuery() {}

  public static Report report(ResolvedModel model, long context, boolean explain) {
    ModelArchitecture arch = Architectures.require(model);
    ParameterCount count = model.count().orElseThrow();
    FlopsEstimator f = new FlopsEstimator(arch, count);
    double forward = f.forwardPerToken(context);
    double twoN = 2.0 * count.activeParams();
    List<List<Value>> rows = new ArrayList<>();
    for (Map.Entry<String, Double> part : f.perTokenBreakdown(context).entrySet()) {
      rows.add(List.of(new Value.Term(part.getKey()), flops(part.getValue()),
          new Value.Decimal(part.getValue() / forward, "%.4f")));
    }
    Report.Builder b = Report.builder(Message.of("title.flops", model.name(), Long.toString(context)))
        .text("model", model.name())
        .field("context", new Value.Int(context))
        .field("forward_flops_per_token", flops(forward))
        .field("flops_2n", flops(twoN))
        .field("exact_over_2n", new Value.Decimal(forward / twoN, "%.4f"))
        .field("training_flops_per_token", flops(3 * forward))
        .field("training_flops_per_token_full_recompute", flops(4 * forward))
        .entry(new Entry.Table("by_part", List.of("part", "flops_per_token", "share"), rows))
        .note("note.flops.convention");
    Explain x = new Explain(explain);
    x.add("forward_flops_per_token", flops(forward),
        "Σ 2 × weights of each matmul (MoE: router + shared + top-k experts; LM head even when tied) + Σ_layers 2·heads·(d_qk+d_v)·L̄",
        "L̄ = context/2 for full layers, W − W²/(2L) for sliding ones; context = " + context,
        "Kaplan et al. 2020, Table 1 and §2.1");
    x.add("flops_2n", flops(twoN), "2 × active parameters", "active = " + count.activeParams(), "Kaplan et al. 2020, eq. 2.1");
    x.addTo(b);
    return b.build();
  }

  static Value flops(double value) {
    return new Value.Decimal(value, "%.4g");
  }
}
