package dev.paramscope.compute;

import dev.paramscope.BadInputException;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiHeadAttention;
import java.util.List;
import java.util.Locale;

/**
 * LoRA adapter parameters (Hu et al. 2021, "LoRA", §4.1): an adapted {@code d_in × d_out} linear
 * gains {@code A: r × d_in} and {@code B: d_out × r}, so {@code r·(d_in + d_out)} parameters. Targets
 * name the projections as PEFT does: {@code q, k, v, o} (attention), {@code gate, up, down} (MLP;
 * in an MoE layer every routed and shared expert is adapted).
 */
public final class LoraAdapters {
  private LoraAdapters() {}

  public static final List<String> TARGETS = List.of("q", "k", "v", "o", "gate", "up", "down");

  /** Adapter parameters for {@code rank} on {@code targets}. */
  public static long params(ModelArchitecture arch, int rank, List<String> targets) {
    if (rank <= 0) {
      throw new BadInputException("--lora-rank", "must be positive, got " + rank);
    }
    long h = arch.hiddenSize();
    long total = 0;
    for (String raw : targets) {
      String target = raw.trim().toLowerCase(Locale.ROOT).replace("_proj", "");
      if (!TARGETS.contains(target)) {
        throw new BadInputException("--lora-targets", "unknown target '" + raw + "' (expected " + TARGETS + ")");
      }
      for (DecoderLayer layer : arch.layers()) {
        total = Math.addExact(total, Math.multiplyExact((long) rank, widths(h, layer, target)));
      }
    }
    return total;
  }

  /** Sum of {@code d_in + d_out} over the linears a target names in one layer. */
  private static long widths(long h, DecoderLayer layer, String target) {
    switch (target) {
      case "q":
      case "o":
      case "k":
      case "v":
        // PEFT matches q_proj/k_proj/v_proj/o_proj by name: a Mamba, linear-attention or mixer-less
        // layer has none of them, so it gets no adapter there.
        if (layer.attention() instanceof dev.paramscope.model.RecurrentMixer
            || layer.attention() instanceof dev.paramscope.model.NoMixer) {
          return 0;
        }
        return h + attentionWidth(layer, target.equals("q") || target.equals("o"));
      default:
        if (layer.feedForward() instanceof DenseMlp mlp) {
          return h + mlp.intermediateSize();
        }
        if (!(layer.feedForward() instanceof MixtureOfExperts moe)) {
          return 0; // a mixer-only layer has no MLP to adapt
        }
        if (target.equals("gate") && !moe.gated()) {
          return 0; // up/down-only experts (Nemotron 3) have no gate_proj
        }
        return (long) moe.numExperts() * (moe.expertInputSize((int) h) + moe.expertIntermediateSize())
            + (long) moe.numSharedExperts() * (h + moe.sharedExpertIntermediateSize());
    }
  }

  private static long attentionWidth(DecoderLayer layer, boolean query) {
    if (layer.attention() instanceof MultiHeadAttention mha) {
      return query ? (long) mha.numHeads() * mha.headDim() : (long) mha.numKeyValueHeads() * mha.headDim();
    }
    throw new BadInputException("--lora-targets", "q/k/v/o targets need multi-head attention; MLA layers "
        + "(DeepSeek) name their projections differently");
  }
}
