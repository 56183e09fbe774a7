package dev.paramscope.query;

import dev.paramscope.precision.StorageType;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import dev.paramscope.scores.ScoreData;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code paramscope compare A B C...}: models side by side. JSON: {@code models}: a list of
 * {@code {model, status, total_params, active_params, bf16_bytes, int4_bytes, ratio}} where ratio
 * is total parameters over the first model's. When {@link ScoreData} has figures for any of the
 * models: {@code scores}: {@code {model, mmlu, gpqa_diamond, training_compute_flop}} (null where it
 * has none) and {@code score_sources}: each dataset used with its attribution and licence.
 */
public final class CompareQuery {
  private CompareQuery() {}

  public static Report report(List<ResolvedModel> models) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("compare needs at least one model");
    }
    double first = models.get(0).totalParams();
    List<List<Value>> rows = new ArrayList<>();
    List<List<Value>> scoreRows = new ArrayList<>();
    List<ScoreData.ModelScores> scores = new ArrayList<>();
    for (ResolvedModel m : models) {
      ScoreData.ModelScores s = ScoreData.builtIn().find(m.id()).orElse(null);
      if (s != null) {
        scores.add(s);
      }
      scoreRows.add(List.of(new Value.Text(m.label()), decimal(s == null ? OptionalDouble.empty() : s.mmlu(), "%.1f"),
          decimal(s == null ? OptionalDouble.empty() : s.gpqaDiamond(), "%.1f"),
          decimal(s == null ? OptionalDouble.empty() : s.trainingComputeFlop(), "%.2e")));
      rows.add(List.of(new Value.Text(m.label()), new Value.Term(m.status()), new Value.Count(m.totalParams()),
          Value.countOrMissing(m.activeParams()),
          new Value.Bytes(StorageType.FP16_BF16.bytesFor(m.totalParams())),
          new Value.Bytes(StorageType.INT4.bytesFor(m.totalParams())),
          new Value.Decimal(first == 0 ? Double.NaN : m.totalParams() / first, "×%.3g")));
    }
    Report.Builder b = Report.builder(Message.of("title.compare", Integer.toString(models.size())))
        .entry(new Entry.Table("models",
            List.of("model", "status", "total_params", "active_params", "bf16_bytes", "int4_bytes", "ratio"), rows))
        .note("note.compare.ratio");
    SeedQuery.sourceNotes(models).forEach(b::note);
    List<ScoreData.Dataset> used = ScoreData.builtIn().usedBy(scores);
    if (!used.isEmpty()) {
      b.entry(new Entry.Table("scores", List.of("model", "mmlu", "gpqa_diamond", "training_compute_flop"), scoreRows));
      List<List<Value>> sources = new ArrayList<>();
      for (ScoreData.Dataset d : used) {
        sources.add(List.of(new Value.Text(d.key()), new Value.Text(d.attribution()), new Value.Text(d.licence())));
        b.note("note.compare.scores", d.attribution(), d.licence());
      }
      b.entry(new Entry.Table("score_sources", List.of("dataset", "attribution", "licence"), sources, List.of()));
    }
    return b.build();
  }

  private static Value decimal(OptionalDouble value, String pattern) {
    return value.isPresent() ? new Value.Decimal(value.getAsDouble(), pattern) : new Value.Missing();
  }
}
