package dev.paramscope.query;

import dev.paramscope.catalog.ParamFigure;
import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code paramscope count}: total and active parameters with the breakdown by component.
 *
 * <p>JSON keys: {@code model}, {@code model_type}, {@code source}, {@code status},
 * {@code total_params}, {@code active_params}, {@code active_params_excl_embeddings},
 * {@code breakdown} (component to count), {@code tied_embeddings}, {@code extra_params},
 * {@code extra_params_note}, {@code warnings}. A catalog model known only by a stated figure has
 * null for what a config would tell.
 */
public final class CountQuery {
  private CountQuery() {}

  public static Report report(ResolvedModel model) {
    Report.Builder b = Report.builder(Message.of("title.count", model.name()))
        .text("model", model.name())
        .text("model_type", model.architecture().map(ModelArchitecture::modelType).orElse(null))
        .field("source", new Value.Labelled(model.source(), model.shortSource()))
        .term("status", model.status())
        .count("total_params", model.totalParams())
        .field("active_params", Value.countOrMissing(model.activeParams()));
    if (model.count().isPresent()) {
      ParameterCount count = model.count().get();
      ModelArchitecture arch = model.architecture().orElseThrow();
      b.count("active_params_excl_embeddings", count.activeParamsExclEmbeddings());
      List<Entry> parts = new ArrayList<>();
      for (Map.Entry<Component, Long> part : count.breakdown().entrySet()) {
        parts.add(new Entry.Field(part.getKey().jsonKey(), new Value.Count(part.getValue())));
      }
      b.entry(new Entry.Group("breakdown", parts))
          .flag("tied_embeddings", count.tiedEmbeddings())
          .count("extra_params", count.extraParams())
          .text("extra_params_note", count.extraParams() == 0 ? null : count.extraDescription());
      b.entry(new Entry.Table("warnings", List.of("note"),
          arch.warnings().stream().map(w -> List.<Value>of(new Value.Text(w))).toList()));
      int topK = topK(arch);
      if (topK > 0) {
        b.note("note.count.active", Integer.toString(topK));
      }
      if (count.tiedEmbeddings()) {
        b.note("note.count.tied");
      }
      if (count.extraParams() > 0) {
        b.note("note.count.extra", count.extraDescription());
      }
      arch.warnings().forEach(w -> b.note("note.warning", w));
    } else {
      b.field("active_params_excl_embeddings", new Value.Missing())
          .field("breakdown", new Value.Missing())
          .field("tied_embeddings", new Value.Missing())
          .field("extra_params", new Value.Missing());
      List<List<Value>> figures = new ArrayList<>();
      figures.add(List.of(new Value.Count(model.totalParams()), Value.countOrMissing(model.activeParams()),
          new Value.Term(model.status()), new Value.Labelled(model.source(), model.shortSource())));
      for (ParamFigure f : model.otherFigures()) {
        figures.add(List.of(new Value.Count(f.totalParams()), Value.countOrMissing(f.activeParams()),
            new Value.Term(f.status().jsonKey()), new Value.Labelled(f.source(), ModelSource.shortCitation(f.source()))));
      }
      b.entry(new Entry.Table("figures", List.of("total_params", "active_params", "status", "source"), figures));
      if (model.note() != null) {
        b.note("note.count.catalog_figure", model.status(), model.note());
      }
      for (ParamFigure f : model.otherFigures()) {
        b.note("note.source." + f.status().jsonKey(), f.source());
      }
    }
    return b.build();
  }

  /** Routed experts per token of the first MoE layer, 0 for a dense model. */
  static int topK(ModelArchitecture arch) {
    return arch.layers().stream()
        .map(layer -> layer.feedForward())
        .filter(ff -> ff instanceof MixtureOfExperts)
        .mapToInt(ff -> ((MixtureOfExperts) ff).numExpertsPerTok())
        .findFirst().orElse(0);
  }
}
