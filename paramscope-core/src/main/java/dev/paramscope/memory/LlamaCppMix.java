package dev.paramscope.memory;

import dev.paramscope.count.ParameterCount;
import dev.paramscope.memory.GgufTensors.Category;
import dev.paramscope.memory.GgufTensors.Tensor;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.precision.GgmlType;
import dev.paramscope.precision.StorageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * llama.cpp's quantization file types ({@code llama-quantize --type}) as its quantizer assigns a
 * type to each tensor: {@code llama_tensor_get_type} in src/llama-quant.cpp, ggml-org/llama.cpp
 * commit 8784689fee07c6daabf3487d24e1535534ef6e6b (no importance matrix). Per type, beside the base
 * type everywhere else:
 *
 * <ul>
 *   <li>{@code output.weight}, and the token embedding when tied to it: Q6_K (Q8_0 for a Q8_0
 *       file, for Falcon, or when the row length is not a multiple of the base block size).
 *   <li>{@code attn_v}: Q2_K → Q4_K when {@code n_head/n_head_kv ≥ 4}, else Q3_K; Q2_K_S → Q4_K
 *       when {@code n_gqa ≥ 4}; Q3_K_M → Q5_K in the first two attention layers, Q4_K after; Q3_K_L
 *       → Q5_K; Q4_K_M/Q5_K_M → Q6_K in {@code use_more_bits} layers; Q4_K_S → Q5_K in the first
 *       four. A 70B model (llama with 80 GQA layers, qwen2 with 80) lifts Q3_K/Q4_K to Q5_K; a model
 *       with exactly 8 experts stores {@code attn_v} and {@code attn_k} in Q8_0.
 *   <li>{@code ffn_down} (experts too): Q2_K → Q3_K; Q2_K_S → Q4_K in the first eighth; Q3_K_M →
 *       Q5_K in the first sixteenth, Q4_K after; Q3_K_L → Q5_K; Q4_K_M/Q5_K_M → Q6_K in {@code
 *       use_more_bits} layers; Q4_K_S → Q5_K in the first eighth (Falcon has its own rules).
 *   <li>{@code attn_output}: Q2_K → Q3_K, Q3_K_M → Q4_K, Q3_K_L → Q5_K; with 8 experts Q2_K, Q3_K_S,
 *       Q3_K_M, Q4_K_S and Q4_K_M → Q5_K.
 *   <li>{@code attn_qkv} (fused): Q3_K_M/L → Q4_K, Q4_K_M → Q5_K, Q5_K_M → Q6_K.
 * </ul>
 *
 * <p>Norms, biases and the MoE router stay F32. A tensor whose row length the chosen block size
 * does not divide falls back (Q2_K/Q3_K → IQ4_NL, Q4_K → Q5_0, Q5_K → Q5_1, Q6_K → Q8_0, else F16).
 * Later commits (007dbbf3, 2026) route {@code attn_qkv} through the {@code attn_v} rules and fall
 * Q2_K/Q3_K back to Q4_0 (the same 4.5 bits); published files predate that.
 *
 * <p>MXFP4_MOE (the file type of ggml-org's gpt-oss GGUFs): routed experts ({@code ne[2] > 1}) in
 * MXFP4, every other quantized tensor and the output in Q8_0 (same function, 007dbbf3). A model
 * whose checkpoint ships its experts in MXFP4 (gpt-oss) keeps them in MXFP4 in every file type:
 * the converter writes them so, and every published gpt-oss GGUF (ggml-org, unsloth's F16 to Q2_K,
 * bartowski, lmstudio-community) holds them so (NousResearch/hermes-agent#116681, read from their
 * headers; AlexsJones/llmfit#1059: the 120B's "Q8_0" and MXFP4 files are both 63.4 GB).
 */
public enum LlamaCppMix {
  Q2_K("Q2_K", GgmlType.Q2_K, StorageType.Q2_K),
  Q2_K_S("Q2_K_S", GgmlType.Q2_K, StorageType.Q2_K),
  Q3_K_S("Q3_K_S", GgmlType.Q3_K, StorageType.Q3_K),
  Q3_K_M("Q3_K_M", GgmlType.Q3_K, StorageType.Q3_K),
  Q3_K_L("Q3_K_L", GgmlType.Q3_K, StorageType.Q3_K),
  Q4_0("Q4_0", GgmlType.Q4_0, StorageType.Q4_0),
  Q4_K_S("Q4_K_S", GgmlType.Q4_K, StorageType.Q4_K),
  Q4_K_M("Q4_K_M", GgmlType.Q4_K, StorageType.Q4_K),
  Q5_K_S("Q5_K_S", GgmlType.Q5_K, StorageType.Q5_K),
  Q5_K_M("Q5_K_M", GgmlType.Q5_K, StorageType.Q5_K),
  Q6_K("Q6_K", GgmlType.Q6_K, StorageType.Q6_K),
  Q8_0("Q8_0", GgmlType.Q8_0, StorageType.Q8_0),
  MXFP4_MOE("MXFP4_MOE", GgmlType.Q8_0, StorageType.Q8_0);

  private final String label;
  private final GgmlType base;
  private final StorageType storage;

  LlamaCppMix(String label, GgmlType base, StorageType storage) {
    this.label = label;
    this.base = base;
    this.storage = storage;
  }

  public String label() {
    return label;
  }

  /** The type every tensor without a rule takes. */
  public StorageType base() {
    return storage;
  }

  /** The file type with this name, ignoring case ({@code q4_k_m}). */
  public static Optional<LlamaCppMix> find(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    for (LlamaCppMix m : values()) {
      if (m.label.equals(t)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** One tensor and the type the quantizer gives it. */
  public record Assigned(String category, int layer, long elements, GgmlType type) {
    /** Bytes of the tensor, whole blocks. */
    public long bytes() {
      long blocks = elements / type.blockSize() + (elements % type.blockSize() == 0 ? 0 : 1);
      return Math.multiplyExact(blocks, (long) type.bytesPerBlock());
    }
  }

  /** Bytes of every weight of the model in this file type. */
  public long bytes(ModelArchitecture arch, ParameterCount count) {
    long total = 0;
    for (Assigned a : assign(arch, count)) {
      total = Math.addExact(total, a.bytes());
    }
    return total;
  }

  /** The quantizer's choice per tensor, in block order (F32 and untyped remainders as one row each). */
  public List<Assigned> assign(ModelArchitecture arch, ParameterCount count) {
    Shape s = Shape.of(arch);
    boolean mxfp4Experts = this == MXFP4_MOE
        || arch.quantized().map(q -> q.method().equals("mxfp4")).orElse(false);
    List<Assigned> out = new ArrayList<>();
    int valueIndex = 0;
    int downIndex = 0;
    for (Tensor t : GgufTensors.of(arch, count)) {
      if (t.routedExperts() && mxfp4Experts) {
        out.add(new Assigned(t.category().name().toLowerCase(Locale.ROOT), t.layer(), t.elements(), GgmlType.MXFP4));
        continue;
      }
      GgmlType type = this == MXFP4_MOE && t.category() != Category.F32 ? GgmlType.Q8_0 : switch (t.category()) {
        case F32 -> GgmlType.F32;
        case OUTPUT -> outputType(t, s);
        case TOKEN_EMBD -> count.tiedEmbeddings() ? outputType(t, s) : base;
        case ATTN_V -> valueType(s, valueIndex++);
        case ATTN_K -> s.experts == 8 ? GgmlType.Q8_0 : base;
        case FFN_DOWN -> downType(s, s.experts > 1 ? t.layer() : downIndex++);
        case ATTN_OUTPUT -> attentionOutputType(s);
        case ATTN_QKV -> fusedType();
        default -> base;
      };
      boolean blocked = t.category() != Category.F32 && t.category() != Category.OTHER;
      out.add(new Assigned(t.category().name().toLowerCase(Locale.ROOT), t.layer(), t.elements(),
          blocked ? fallback(type, t.rowLength()) : type));
    }
    return out;
  }

  /** What the quantizer reads from the model: experts, layer 0's GQA ratio, Falcon, LLM_TYPE_70B, layer counts. */
  private record Shape(int experts, int gqa, boolean falcon, boolean seventyB, int valueLayers, int layers) {
    static Shape of(ModelArchitecture arch) {
      int experts = 0;
      int valueLayers = 0;
      for (DecoderLayer l : arch.layers()) {
        if (l.feedForward() instanceof MixtureOfExperts moe) {
          experts = Math.max(experts, moe.numExperts());
        }
        if (l.attention() instanceof MultiHeadAttention || l.attention() instanceof LatentAttention) {
          valueLayers++;
        }
      }
      // hparams.n_gqa() reads layer 0: 0 when that layer has no KV heads (a recurrent first layer).
      int gqa = arch.layers().get(0).attention() instanceof MultiHeadAttention mha
          ? mha.numHeads() / mha.numKeyValueHeads() : 0;
      int n = arch.numLayers();
      boolean seventyB = n == 80 && (arch.modelType().equals("qwen2") || arch.modelType().equals("llama") && gqa > 1);
      return new Shape(experts, gqa, arch.modelType().equals("falcon"), seventyB, valueLayers, n);
    }
  }

  /** llama.cpp's {@code use_more_bits}: the first and last eighth of the layers and every third between. */
  static boolean useMoreBits(int i, int n) {
    return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
  }

  private GgmlType outputType(Tensor t, Shape s) {
    if (base == GgmlType.Q8_0 || s.falcon || t.rowLength() % base.blockSize() != 0) {
      return GgmlType.Q8_0;
    }
    return GgmlType.Q6_K;
  }

  private GgmlType valueType(Shape s, int i) {
    GgmlType t = switch (this) {
      case Q2_K -> s.gqa >= 4 ? GgmlType.Q4_K : GgmlType.Q3_K;
      case Q2_K_S -> s.gqa >= 4 ? GgmlType.Q4_K : base;
      case Q3_K_M -> i < 2 ? GgmlType.Q5_K : GgmlType.Q4_K;
      case Q3_K_L -> GgmlType.Q5_K;
      case Q4_K_M, Q5_K_M -> useMoreBits(i, s.valueLayers) ? GgmlType.Q6_K : base;
      case Q4_K_S -> i < 4 ? GgmlType.Q5_K : base;
      default -> base;
    };
    if (s.seventyB && (t == GgmlType.Q3_K || t == GgmlType.Q4_K)) {
      t = GgmlType.Q5_K;
    }
    return s.experts == 8 ? GgmlType.Q8_0 : t;
  }

  private GgmlType downType(Shape s, int i) {
    int n = s.layers;
    return switch (this) {
      case Q2_K -> GgmlType.Q3_K;
      case Q2_K_S -> i < n / 8 ? GgmlType.Q4_K : base;
      case Q3_K_M -> i < n / 16 ? GgmlType.Q5_K : !s.falcon || useMoreBits(i, n) ? GgmlType.Q4_K : GgmlType.Q3_K;
      case Q3_K_L -> s.falcon ? GgmlType.Q4_K : GgmlType.Q5_K;
      case Q4_K_M -> s.falcon ? (i < n / 16 ? GgmlType.Q6_K : useMoreBits(i, n) ? GgmlType.Q5_K : GgmlType.Q4_K)
          : useMoreBits(i, n) ? GgmlType.Q6_K : base;
      case Q5_K_M -> useMoreBits(i, n) ? GgmlType.Q6_K : base;
      case Q4_K_S -> !s.falcon && i < n / 8 ? GgmlType.Q5_K : base;
      default -> base;
    };
  }

  private GgmlType attentionOutputType(Shape s) {
    if (s.falcon) {
      return this == Q3_K_L ? GgmlType.Q4_K : base;
    }
    if (s.experts == 8) {
      return switch (this) {
        case Q2_K, Q3_K_S, Q3_K_M, Q4_K_S, Q4_K_M -> GgmlType.Q5_K;
        default -> base;
      };
    }
    return switch (this) {
      case Q2_K -> GgmlType.Q3_K;
      case Q3_K_M -> GgmlType.Q4_K;
      case Q3_K_L -> GgmlType.Q5_K;
      default -> base;
    };
  }

  private GgmlType fusedType() {
    return switch (this) {
      case Q3_K_M, Q3_K_L -> GgmlType.Q4_K;
      case Q4_K_M -> GgmlType.Q5_K;
      case Q5_K_M -> GgmlType.Q6_K;
      default -> base;
    };
  }

  /** The quantizer's fallback when the row length is not a multiple of the type's block size. */
  static GgmlType fallback(GgmlType type, long rowLength) {
    if (rowLength % type.blockSize() == 0) {
      return type;
    }
    GgmlType next = switch (type) {
      case Q2_K, Q3_K -> GgmlType.IQ4_NL;
      case Q4_K -> GgmlType.Q5_0;
      case Q5_K -> GgmlType.Q5_1;
      case Q6_K -> GgmlType.Q8_0;
      default -> GgmlType.F16;
    };
    return rowLength % next.blockSize() == 0 ? next : GgmlType.F16;
  }
}
