package dev.paramscope.query;

import dev.paramscope.precision.StorageType;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code paramscope compare A B C...}: models side by side. JSON: {@code models}: a list of
 * {@code {model, status, total_params, active_params, bf16_bytes, int4_bytes, ratio}} where ratio
 * is total parameters over the first model's.
 */
public final class CompareQuery {
  private CompareQuery() {}

  public static Report report(List<ResolvedModel> models) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("compare needs at least one model");
    }
    double first = models.get(0).totalParams();
    List<List<Value>> rows = new ArrayList<>();
    for (ResolvedModel m : models) {
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
    return b.build();
  }
}
