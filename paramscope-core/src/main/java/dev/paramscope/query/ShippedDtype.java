package dev.paramscope.query;

import dev.paramscope.memory.PrecisionRecipe;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.Quantization;
import dev.paramscope.report.Report;
import dev.paramscope.units.ByteUnit;
import dev.paramscope.units.Quantities;
import java.util.Optional;

/**
 * The weight precision an estimate uses: {@code --dtype} when given; else, for a local checkpoint,
 * the bytes its tensor headers state ({@link CheckpointWeights}); else the precision the config
 * says it ships in ({@link WeightDtype#forCheckpoint}). Said in a note and, for a checkpoint, a
 * {@code weights_source} field, so a reader knows where the weights came from.
 */
final class ShippedDtype {
  private final ModelArchitecture arch;
  private final String flag;
  private final Optional<CheckpointWeights> checkpoint;
  private final String unreadable;
  private final WeightDtype weights;

  private ShippedDtype(ModelArchitecture arch, String flag, Optional<CheckpointWeights> checkpoint) {
    this.arch = arch;
    this.flag = flag;
    this.checkpoint = checkpoint.filter(c -> c.problem() == null);
    this.unreadable = checkpoint.filter(c -> c.problem() != null).map(CheckpointWeights::problem).orElse(null);
    this.weights = flag != null ? WeightDtype.parse(flag)
        : this.checkpoint.map(CheckpointWeights::dtype).orElseGet(() -> WeightDtype.forCheckpoint(arch));
  }

  /** The choice for {@code model} (a local checkpoint is read header-only) and {@code --dtype}'s value or null. */
  static ShippedDtype of(ResolvedModel model, ModelArchitecture arch, String flag) {
    return new ShippedDtype(arch, flag, CheckpointWeights.of(model));
  }

  WeightDtype weights() {
    return weights;
  }

  /** Adds {@code weights_source}, the checkpoint file, when a checkpoint was read. */
  void source(Report.Builder b) {
    checkpoint.ifPresent(c -> b.text("weights_source", c.fileLabel()));
  }

  /**
   * Notes where the weights came from: the checkpoint's headers, {@code --dtype} over them, or a
   * quantized config's recipe. Nothing for a config that ships unquantized (its torch_dtype, the
   * default users expect) or when {@code --dtype} chose without a checkpoint.
   */
  void note(Report.Builder b) {
    if (unreadable != null) {
      b.note("note.dtype.checkpoint_unreadable", unreadable);
    }
    if (checkpoint.isPresent()) {
      CheckpointWeights c = checkpoint.get();
      if (flag == null) {
        b.note("note.dtype.checkpoint", Quantities.bytes(c.bytes(), ByteUnit.GIB), c.fileLabel(), c.types());
      } else {
        b.note("note.dtype.checkpoint_overridden", weights.label(), c.fileLabel(), c.types());
      }
      return;
    }
    if (flag != null || arch.quantized().isEmpty()) {
      return;
    }
    Quantization q = arch.quantized().get();
    String scheme = "quantization_config " + q.method() + (q.bits() > 0 ? " " + q.bits() + "-bit" : "");
    if (PrecisionRecipe.forQuantization(q).isPresent()) {
      b.note("note.dtype.shipped", weights.label(), scheme);
    } else {
      b.note("note.dtype.unmodelled", scheme, weights.label());
    }
  }
}
