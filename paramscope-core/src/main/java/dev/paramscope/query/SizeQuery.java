package dev.paramscope.query;

import dev.paramscope.count.ParameterCount;
import dev.paramscope.memory.LlamaCppMix;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.precision.StorageType;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import dev.paramscope.units.ByteUnit;
import dev.paramscope.units.Lang;
import dev.paramscope.units.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code paramscope size}: bytes to store the weights at every precision and GGUF type.
 *
 * <p>JSON: {@code model}, {@code total_params}, {@code status}, {@code precisions}: a list of
 * {@code {name, bits_per_param, bytes, gb, gib}} with GB = 10^9 and GiB = 2^30 bytes; for a model
 * counted from a config also {@code gguf_files}, the same columns for llama.cpp's file types
 * (Q2_K … Q8_0) as its quantizer mixes them. For a local
 * checkpoint (see {@link CheckpointWeights}) also {@code weights_source} (the file read),
 * {@code checkpoint_bytes} (its tensor bytes, header-only) and {@code checkpoint_roles}: {@code
 * {part, tensors, params, bytes, bits_per_param}} per role, the real mix beside the uniform rows.
 */
public final class SizeQuery {
  private SizeQuery() {}

  public static Report report(ResolvedModel model, Lang lang) {
    List<List<Value>> rows = new ArrayList<>();
    for (StorageType type : StorageType.values()) {
      rows.add(row(type.label(), new Value.Decimal(type.bitsPerParam(), Value.Decimal.EXACT),
          type.bytesFor(model.totalParams())));
    }
    Report.Builder b = Report.builder(Message.of("title.size", model.name(), Quantities.count(model.totalParams(), lang)))
        .text("model", model.name())
        .term("status", model.status())
        .field("source", new Value.Labelled(model.source(), model.shortSource()))
        .count("total_params", model.totalParams())
        .entry(new Entry.Table("precisions", List.of("name", "bits_per_param", "bytes", "gb", "gib"), rows))
        .note("note.size.assumption");
    if (model.architecture().isPresent() && model.count().isPresent()) {
      b.entry(ggufFiles(model.architecture().get(), model.count().get())).note("note.size.gguf_files");
    }
    Optional<CheckpointWeights> checkpoint = CheckpointWeights.of(model);
    if (checkpoint.isPresent() && checkpoint.get().problem() != null) {
      b.note("note.dtype.checkpoint_unreadable", checkpoint.get().problem());
    } else if (checkpoint.isPresent()) {
      CheckpointWeights c = checkpoint.get();
      b.text("weights_source", c.fileLabel())
          .bytes("checkpoint_bytes", c.bytes())
          .entry(c.roles(model.architecture().orElseThrow()))
          .note("note.size.checkpoint", c.fileLabel(), c.types());
    }
    return b.build();
  }

  /**
   * llama.cpp's file types, each tensor at the type its quantizer assigns ({@link LlamaCppMix});
   * MXFP4_MOE only for a mixture of experts (it differs from Q8_0 in the routed experts alone).
   */
  private static Entry.Table ggufFiles(ModelArchitecture arch, ParameterCount count) {
    List<List<Value>> rows = new ArrayList<>();
    for (LlamaCppMix mix : LlamaCppMix.values()) {
      if (mix == LlamaCppMix.MXFP4_MOE && count.params(dev.paramscope.count.Component.ROUTED_EXPERTS) == 0) {
        continue;
      }
      long bytes = mix.bytes(arch, count);
      rows.add(row(mix.label(), new Value.Decimal(bytes * 8.0 / count.totalParams(), "%.4f"), bytes));
    }
    return new Entry.Table("gguf_files", List.of("name", "bits_per_param", "bytes", "gb", "gib"), rows);
  }

  private static List<Value> row(String name, Value bitsPerParam, long bytes) {
    return List.of(
        new Value.Text(name),
        bitsPerParam,
        new Value.Int(bytes),
        new Value.Decimal(bytes / (double) ByteUnit.GB.bytes(), "%.2f"),
        new Value.Decimal(bytes / (double) ByteUnit.GIB.bytes(), "%.2f"));
  }
}
