package dev.paramscope.weights.reconcile;

import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.TensorInfo;
import dev.paramscope.weights.TypeTotals;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Sets the counter's exact count beside a checkpoint's tensors and explains each difference:
 * tied embeddings stored twice, multi-token-prediction layers, buffers saved as tensors,
 * quantization scales, a vision tower. A difference no rule explains is reported as
 * {@code unexplained}, never hidden.
 *
 * <p>Packed GPTQ/AWQ weights ({@code *.qweight}, int32 holding 32/bits values) count as the
 * values they hold (AutoGPTQ and AutoAWQ pack 4-bit values eight to an int32).
 */
public final class Reconciler {
  /** Tensors from which classifying them is split across cores (below, starting the threads costs more). */
  private static final int PARALLEL_FROM = 10_000;

  private Reconciler() {}

  /**
   * @param bitsPerPackedValue bits of a packed quantized value ({@code quantization_config.bits}; 4 if unknown)
   */
  public static Reconciliation reconcile(ModelArchitecture arch, ParameterCount count, CheckpointSummary summary,
      String architectureSource, int bitsPerPackedValue) {
    List<TensorInfo> tensors = summary.tensors();
    TensorRole[] roles = roles(tensors, TensorClassifier.forModel(arch));
    Map<TensorRole, Long> stored = new EnumMap<>(TensorRole.class);
    long storedTotal = 0;
    for (int i = 0; i < roles.length; i++) {
      TensorInfo tensor = tensors.get(i);
      long params = logicalParams(tensor, bitsPerPackedValue);
      TensorRole role = roles[i];
      Long before = stored.get(role);
      stored.put(role, before == null ? params : Math.addExact(before, params));
      storedTotal = Math.addExact(storedTotal, params);
    }
    List<Reconciliation.Row> rows = new ArrayList<>();
    long unexplained = 0;
    for (TensorRole role : TensorRole.values()) {
      long have = stored.getOrDefault(role, 0L);
      long want = role.component() != null ? count.params(role.component()) : 0;
      if (role == TensorRole.MTP) {
        want = 0;
      } else if (role == TensorRole.VISION) {
        // Counted when the family reads the vision_config (Llama 4) and audio_config (Gemma 3n); else
        // explained as a vision tower.
        want = Math.addExact(Math.addExact(count.params(Component.VISION), count.params(Component.PROJECTOR)),
            count.params(Component.AUDIO));
      }
      if (have == 0 && want == 0) {
        continue;
      }
      String why = explain(role, want, have, count);
      if (why.equals("unexplained")) {
        unexplained += have - want;
      } else if (why.equals("mtp_layers_differ")) {
        unexplained += have - count.extraParams();
      }
      rows.add(new Reconciliation.Row(role.jsonKey(), want, have, why));
    }
    return new Reconciliation(architectureSource, rows, count.totalParams(), storedTotal, unexplained);
  }

  /**
   * What the checkpoint stores per role, header-only: tensors, elements and bytes, in role order
   * (roles with no tensor left out).
   */
  public static Map<TensorRole, TypeTotals> storedByRole(CheckpointSummary summary, ModelArchitecture arch) {
    List<TensorInfo> tensors = summary.tensors();
    TensorRole[] roles = roles(tensors, TensorClassifier.forModel(arch));
    Map<TensorRole, TypeTotals> byRole = new EnumMap<>(TensorRole.class);
    for (int i = 0; i < roles.length; i++) {
      TypeTotals one = new TypeTotals(1, tensors.get(i).params(), tensors.get(i).bytes());
      byRole.merge(roles[i], one, (a, b) -> TypeTotals.sum(List.of(a, b)));
    }
    return byRole;
  }

  /**
   * Each tensor's role, classified on all cores for a large checkpoint: DeepSeek-V3's 91,991 names
   * took ~100 ms on one core of the launcher's C1-only JVM (bench/README.md, remote inspect).
   */
  private static TensorRole[] roles(List<TensorInfo> tensors, TensorClassifier classifier) {
    TensorRole[] roles = new TensorRole[tensors.size()];
    IntStream range = IntStream.range(0, roles.length);
    (roles.length >= PARALLEL_FROM ? range.parallel() : range).forEach(i -> roles[i] = classifier.classify(tensors.get(i).name()));
    return roles;
  }

  private static String explain(TensorRole role, long want, long have, ParameterCount count) {
    if (have == want) {
      return "match";
    }
    switch (role) {
      case LM_HEAD:
        // A tied head shares the embedding matrix; some writers store the copy anyway.
        return count.tiedEmbeddings() && want == 0 && have == count.params(Component.EMBEDDINGS)
            ? "tied_stored_twice" : "unexplained";
      case MTP:
        return have == count.extraParams() ? "mtp_layers" : "mtp_layers_differ";
      case BUFFER:
        return "buffers";
      case QUANT_SCALE:
        return "quant_scales";
      case VISION:
        return "vision_tower";
      default:
        return "unexplained";
    }
  }

  /** Values a tensor holds: packed int32 GPTQ/AWQ weights hold 32/bits values per element. */
  static long logicalParams(TensorInfo tensor, int bitsPerPackedValue) {
    if (tensor.name().endsWith(".qweight") && tensor.type().equals("I32") && bitsPerPackedValue > 0
        && 32 % bitsPerPackedValue == 0) {
      return Math.multiplyExact(tensor.params(), 32L / bitsPerPackedValue);
    }
    return tensor.params();
  }
}
