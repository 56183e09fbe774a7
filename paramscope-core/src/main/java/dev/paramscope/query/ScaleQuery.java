package dev.paramscope.query;

import dev.paramscope.BadInputException;
import dev.paramscope.compute.ScalingLaw;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code paramscope scale}: Chinchilla's loss and compute-optimal allocation under both fits.
 *
 * <p>JSON keys: {@code compute_flops, params, tokens, tokens_per_param, fits: [{fit, loss,
 * optimal_params, optimal_tokens, optimal_tokens_per_param, formula, source}]}.
 */
public final class ScaleQuery {
  private ScaleQuery() {}

  /**
   * Either {@code computeFlops} (params and tokens 0), or params and tokens (compute 0, derived as 6ND).
   */
  public static Report report(double computeFlops, double params, double tokens, String fit) {
    if (computeFlops < 0 || params < 0 || tokens < 0) {
      throw new BadInputException("scale", "compute, params and tokens must not be negative");
    }
    boolean byCompute = computeFlops > 0;
    if (!byCompute && (params <= 0 || tokens <= 0)) {
      throw new BadInputException("scale", "give --compute FLOPS, or both --params N and --tokens D");
    }
    double c = byCompute ? computeFlops : 6.0 * params * tokens;
    List<ScalingLaw> laws = fit == null ? List.of(ScalingLaw.values()) : List.of(ScalingLaw.parse(fit));
    List<List<Value>> rows = new ArrayList<>();
    for (ScalingLaw law : laws) {
      double n = law.optimalParams(c);
      double d = law.optimalTokens(c);
      double loss = byCompute ? law.loss(n, d) : law.loss(params, tokens);
      rows.add(List.of(new Value.Text(law.label()), new Value.Decimal(loss, "%.4f"), new Value.Decimal(n, "%.4g"),
          new Value.Decimal(d, "%.4g"), new Value.Decimal(d / n, "%.1f"), new Value.Text(law.formula()),
          new Value.Text(law.source())));
    }
    Report.Builder b = Report.builder(Message.of("title.scale"))
        .field("compute_flops", new Value.Decimal(c, "%.4g"))
        .field("params", byCompute ? new Value.Missing() : new Value.Decimal(params, "%.4g"))
        .field("tokens", byCompute ? new Value.Missing() : new Value.Decimal(tokens, "%.4g"))
        .field("tokens_per_param", byCompute ? new Value.Missing() : new Value.Decimal(tokens / params, "%.1f"))
        .entry(new Entry.Table("fits", List.of("fit", "loss", "optimal_params", "optimal_tokens",
            "optimal_tokens_per_param", "formula", "source"), rows,
            List.of("fit", "loss", "optimal_params", "optimal_tokens", "optimal_tokens_per_param")));
    for (ScalingLaw law : laws) {
      b.note("note.scale.fit", law.label(), law.formula(), law.source());
    }
    return b.note(byCompute ? "note.scale.optimal" : "note.scale.given").build();
  }
}
