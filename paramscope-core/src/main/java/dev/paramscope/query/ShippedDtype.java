package dev.paramscope.query;

import dev.paramscope.memory.PrecisionRecipe;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.Quantization;
import dev.paramscope.report.Report;

/**
 * The weight precision an estimate uses: {@code --dtype} when given, else the one the checkpoint
 * ships in ({@link WeightDtype#forCheckpoint}), said in a note so a reader knows where it came from.
 */
final class ShippedDtype {
  private ShippedDtype() {}

  /** {@code --dtype}'s value, or the checkpoint's own when the flag is absent. */
  static WeightDtype weights(ModelArchitecture arch, String flag) {
    return flag == null ? WeightDtype.forCheckpoint(arch) : WeightDtype.parse(flag);
  }

  /**
   * Notes a quantized checkpoint's default and where it came from; nothing when {@code --dtype}
   * chose or the checkpoint ships unquantized (its torch_dtype, the default users expect).
   */
  static void note(Report.Builder b, ModelArchitecture arch, String flag, WeightDtype weights) {
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
