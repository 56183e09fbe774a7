package dev.paramscope.memory;

import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiHeadAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The weight tensors llama.cpp's converter ({@code convert_hf_to_gguf.py}) writes for an
 * architecture, in the categories its quantizer tells apart: token embedding, output, the
 * attention projections ({@code attn_q/k/v/output}, or a fused {@code attn_qkv}), the feed-forward
 * projections ({@code ffn_gate/up/down}, experts and shared experts included), tensors kept in
 * F32 (norms, biases, the MoE router {@code ffn_gate_inp}) and the rest (MLA and recurrent mixers,
 * vision towers ...) at the file's base type.
 */
final class GgufTensors {
  private GgufTensors() {}

  /** What llama_tensor_get_type looks at in a tensor's name. */
  enum Category { TOKEN_EMBD, OUTPUT, ATTN_Q, ATTN_K, ATTN_V, ATTN_QKV, ATTN_OUTPUT, FFN_GATE, FFN_UP, FFN_DOWN, F32, OTHER }

  /**
   * One tensor (or one bucket of tensors for F32 and OTHER).
   *
   * @param layer the block index, -1 outside the blocks
   * @param rowLength {@code ne[0]}, the input width a quantized row spans (block sizes must divide it)
   * @param elements weights in the tensor
   * @param routedExperts the routed experts of an MoE layer, one 3-D tensor ({@code ffn_*_exps})
   */
  record Tensor(Category category, int layer, long rowLength, long elements, boolean routedExperts) {
    Tensor(Category category, int layer, long rowLength, long elements) {
      this(category, layer, rowLength, elements, false);
    }
  }

  /** Families whose GGUF stores q, k and v as one {@code attn_qkv} tensor. */
  private static final Set<String> FUSED_QKV = Set.of("phi3", "falcon", "bloom", "gpt2", "gpt_neox", "mpt");

  static List<Tensor> of(ModelArchitecture arch, ParameterCount count) {
    List<Tensor> out = new ArrayList<>();
    long hidden = arch.hiddenSize();
    out.add(new Tensor(Category.TOKEN_EMBD, -1, arch.embeddingSize(),
        Math.multiplyExact((long) arch.vocabSize(), arch.embeddingSize())));
    if (!count.tiedEmbeddings()) {
      out.add(new Tensor(Category.OUTPUT, -1, hidden, Math.multiplyExact((long) arch.vocabSize(), hidden)));
    }
    long f32 = count.params(Component.NORMS) + count.params(Component.ROUTER) + (arch.lmHeadBias() ? arch.vocabSize() : 0);
    boolean fused = FUSED_QKV.contains(arch.modelType());
    for (int i = 0; i < arch.numLayers(); i++) {
      DecoderLayer layer = arch.layers().get(i);
      if (layer.attention() instanceof MultiHeadAttention mha) {
        f32 += attention(out, i, hidden, mha, fused);
      }
      if (layer.feedForward() instanceof DenseMlp mlp) {
        mlp(out, i, hidden, mlp.intermediateSize(), 1, mlp.gated());
        f32 += mlp.bias() ? (long) mlp.intermediateSize() * (mlp.gated() ? 2 : 1) + hidden : 0;
      } else if (layer.feedForward() instanceof MixtureOfExperts moe) {
        mlp(out, i, moe.expertInputSize((int) hidden), moe.expertIntermediateSize(), moe.numExperts(), moe.gated(),
            true);
        if (moe.numSharedExperts() > 0) {
          mlp(out, i, hidden, moe.sharedExpertIntermediateSize(), moe.numSharedExperts(), moe.gated());
        }
      }
    }
    long listed = f32;
    for (Tensor t : out) {
      listed = Math.addExact(listed, t.elements());
    }
    out.add(new Tensor(Category.F32, -1, 1, f32));
    out.add(new Tensor(Category.OTHER, -1, 1, Math.max(0, count.totalParams() - listed)));
    return out;
  }

  /** Adds q, k, v (or qkv) and output; returns the F32 elements (biases, q/k norms). */
  private static long attention(List<Tensor> out, int i, long hidden, MultiHeadAttention mha, boolean fused) {
    long q = mha.queryWidth() * (mha.outputGate() ? 2 : 1);
    long kv = mha.keyValueWidth();
    if (fused) {
      out.add(new Tensor(Category.ATTN_QKV, i, hidden, hidden * (q + 2 * kv)));
    } else {
      out.add(new Tensor(Category.ATTN_Q, i, hidden, hidden * q));
      out.add(new Tensor(Category.ATTN_K, i, hidden, hidden * kv));
      out.add(new Tensor(Category.ATTN_V, i, hidden, hidden * kv));
    }
    out.add(new Tensor(Category.ATTN_OUTPUT, i, mha.queryWidth(), mha.queryWidth() * hidden));
    long f32 = (mha.qkvBias() ? q + 2 * kv : 0) + (mha.outputBias() ? hidden : 0);
    for (var norm : mha.qkNorms()) {
      f32 += norm.params();
    }
    return f32;
  }

  private static void mlp(List<Tensor> out, int i, long hidden, long inner, int copies, boolean gated) {
    mlp(out, i, hidden, inner, copies, gated, false);
  }

  /** Adds gate (when gated), up and down for {@code copies} experts of width {@code inner}. */
  private static void mlp(List<Tensor> out, int i, long hidden, long inner, int copies, boolean gated,
      boolean routed) {
    long each = Math.multiplyExact(Math.multiplyExact(hidden, inner), (long) copies);
    if (gated) {
      out.add(new Tensor(Category.FFN_GATE, i, hidden, each, routed));
    }
    out.add(new Tensor(Category.FFN_UP, i, hidden, each, routed));
    out.add(new Tensor(Category.FFN_DOWN, i, inner, each, routed));
  }
}
