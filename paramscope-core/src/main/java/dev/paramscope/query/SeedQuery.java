package dev.paramscope.query;

import dev.paramscope.catalog.Catalog;
import dev.paramscope.precision.StorageType;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The main job ({@code paramscope} with no arguments): the seed article's comparison. The closed
 * models with the MEDEC estimates (Ben Abacha et al., arXiv:2412.19260: GPT-4o ≈200B,
 * GPT-4o-mini ≈8B, Claude 3.5 Sonnet ≈175B) beside open models counted exactly, with the storage of
 * the weights at FP64, FP32, BF16, INT8 and INT4.
 */
public final class SeedQuery {
  private SeedQuery() {}

  /** The rows, in order: the three estimates of the seed, then open models for contrast. */
  public static final List<String> MODEL_IDS = List.of(
      "gpt-4o", "gpt-4o-mini", "claude-3.5-sonnet",
      "llama-3.1-8b", "llama-3.1-405b", "deepseek-v3", "qwen3-30b-a3b", "gpt-oss-120b");

  public static Report report() {
    List<ResolvedModel> models = new ArrayList<>();
    for (String id : MODEL_IDS) {
      Catalog.builtIn().find(id).ifPresent(e -> models.add(ModelSource.fromCatalog(e, null)));
    }
    List<List<Value>> rows = new ArrayList<>();
    for (ResolvedModel m : models) {
      List<Value> row = new ArrayList<>(List.of(new Value.Text(m.label()), new Value.Term(m.status()),
          new Value.Count(m.totalParams())));
      for (StorageType type : StorageType.seedColumns()) {
        row.add(new Value.Bytes(type.bytesFor(m.totalParams())));
      }
      rows.add(row);
    }
    Report.Builder b = Report.builder(Message.of("title.seed"))
        .entry(new Entry.Table("models",
            List.of("model", "status", "params", "fp64", "fp32", "bf16", "int8", "int4"), rows))
        .note("note.seed.example");
    sourceNotes(models).forEach(b::note);
    return b.note("note.size.units")
        .note("note.seed.next1").note("note.seed.next2").note("note.seed.next3")
        .build();
  }

  /** One note per distinct source of a non-exact figure among the models. */
  static List<Message> sourceNotes(List<ResolvedModel> models) {
    Set<String> seen = new LinkedHashSet<>();
    List<Message> notes = new ArrayList<>();
    for (ResolvedModel m : models) {
      if (!"exact".equals(m.status()) && m.source() != null && seen.add(m.status() + m.source())) {
        notes.add(Message.of("note.source." + m.status(), m.source()));
      }
    }
    return notes;
  }
}
