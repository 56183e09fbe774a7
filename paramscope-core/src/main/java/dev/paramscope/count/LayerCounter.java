package dev.paramscope.count;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.paramscope.model.Attention;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.GatedDeltaNet;
import dev.paramscope.model.KimiDeltaAttention;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.LightningAttention;
import dev.paramscope.model.Mamba2Mixer;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.NoMixer;
import dev.paramscope.model.Norm;
import dev.paramscope.model.ShortConvolution;
import dev.paramscope.model.SparseIndexer;
import java.util.List;

/**
 * Parameter formulas for one decoder layer's blocks. A {@code Linear(in, out)} holds
 * {@code in * out} weights plus {@code out} biases when it has a bias.
 */
final class LayerCounter {
  private LayerCounter() {}

  /** Adds one layer's parameters to the tally, by component; a parallel mixer counts as attention. */
  static void addLayer(Tally tally, DecoderLayer layer, int hiddenSize) {
    tally.add(Component.ATTENTION, attention(layer.attention(), hiddenSize));
    if (layer.parallelMixer() != null) {
      tally.add(Component.ATTENTION, attention(layer.parallelMixer(), hiddenSize));
    }
    tally.add(Component.NORMS, norms(layer.norms()));
    tally.add(Component.OTHER, layer.auxiliaryParams());
    FeedForward ff = layer.feedForward();
    if (ff instanceof DenseMlp mlp) {
      tally.add(Component.MLP, addExact(mlp(hiddenSize, mlp.intermediateSize(), mlp.gated(), mlp.bias()),
          mlp.activationParams()));
    } else if (ff instanceof MixtureOfExperts moe) {
      tally.add(Component.ROUTED_EXPERTS, multiplyExact(expert(hiddenSize, moe), moe.numExperts()));
      tally.add(Component.SHARED_EXPERTS, multiplyExact(
          mlp(hiddenSize, Math.max(moe.sharedExpertIntermediateSize(), 1), moe.gated(), moe.mlpBias()),
          moe.numSharedExperts()));
      tally.add(Component.ROUTER, router(hiddenSize, moe));
      tally.add(Component.OTHER, latentProjections(hiddenSize, moe));
    }
  }

  /**
   * Parameters of one routed expert: a gated MLP (with biases for gpt-oss), or up and down only
   * ({@code NemotronHExperts}), over the hidden size or the MoE's latent size.
   */
  static long expert(int hiddenSize, MixtureOfExperts moe) {
    return mlp(moe.expertInputSize(hiddenSize), moe.expertIntermediateSize(), moe.gated(), moe.expertBias());
  }

  /**
   * Nemotron 3's latent MoE ({@code NemotronHMoE}, modular_nemotron_h.py): {@code fc1_latent_proj}
   * (hidden → latent) and {@code fc2_latent_proj} (latent → hidden) around the routed experts,
   * biases per {@code mlp_bias}; 0 without a latent size.
   */
  static long latentProjections(long hidden, MixtureOfExperts moe) {
    if (moe.latentSize() == 0) {
      return 0;
    }
    return addExact(linear(hidden, moe.latentSize(), moe.mlpBias()), linear(moe.latentSize(), hidden, moe.mlpBias()));
  }

  /** Sum of the norms' parameters. */
  static long norms(List<Norm> norms) {
    long sum = 0;
    for (Norm n : norms) {
      sum = addExact(sum, n.params());
    }
    return sum;
  }

  static long linear(long in, long out, boolean bias) {
    return addExact(multiplyExact(in, out), bias ? out : 0);
  }

  /** Dense MLP: gated = gate, up (hidden→I) and down (I→hidden); classic = up and down. */
  static long mlp(long hidden, long intermediate, boolean gated, boolean bias) {
    long upAndDown = addExact(linear(hidden, intermediate, bias), linear(intermediate, hidden, bias));
    return gated ? addExact(upAndDown, linear(hidden, intermediate, bias)) : upAndDown;
  }

  /** Router: Linear(hidden, experts), optional bias, e_score_correction_bias, shared-expert gate. */
  static long router(long hidden, MixtureOfExperts moe) {
    long params = linear(hidden, moe.numExperts(), moe.routerBias());
    if (moe.scoreCorrectionBias()) {
      params = addExact(params, moe.numExperts());
    }
    if (moe.sharedExpertGate()) {
      params = addExact(params, hidden);
    }
    return params;
  }

  static long attention(Attention attention, long hidden) {
    if (attention instanceof MultiHeadAttention mha) {
      return multiHead(mha, hidden);
    }
    if (attention instanceof GatedDeltaNet gdn) {
      return gatedDeltaNet(gdn, hidden);
    }
    if (attention instanceof Mamba2Mixer mamba) {
      return mamba2(mamba, hidden);
    }
    if (attention instanceof KimiDeltaAttention kda) {
      return kimiDelta(kda, hidden);
    }
    if (attention instanceof LightningAttention la) {
      // qkv_proj (hidden → 3·H·d), norm (H·d), output_gate (hidden → H·d), out_proj (H·d → hidden).
      long w = la.width();
      return addExact(addExact(linear(hidden, 3 * w, false), w), addExact(linear(hidden, w, false), linear(w, hidden, false)));
    }
    if (attention instanceof ShortConvolution conv) {
      // in_proj (w → 3w), depthwise conv (w × taps), out_proj (w → w); biases per conv_bias.
      long w = conv.width();
      long convParams = addExact(multiplyExact(w, conv.cacheLength()), conv.bias() ? w : 0);
      return addExact(addExact(linear(w, 3 * w, conv.bias()), convParams), linear(w, w, conv.bias()));
    }
    if (attention instanceof NoMixer) {
      return 0;
    }
    LatentAttention mla = (LatentAttention) attention;
    return addExact(latent(mla, hidden), mla.indexer() == null ? 0 : indexer(mla, hidden));
  }

  /**
   * Gated DeltaNet as {@code Qwen3NextGatedDeltaNet} stores it: in_proj_qkvz (hidden → 2K + 2V),
   * in_proj_ba (hidden → 2H_v), depthwise conv1d weight (2K + V channels × kernel, no bias),
   * dt_bias and A_log (H_v each), gated RMSNorm (d_v), out_proj (V → hidden); no biases.
   */
  private static long gatedDeltaNet(GatedDeltaNet g, long hidden) {
    long inProj = linear(hidden, addExact(multiplyExact(2, g.keyWidth()), multiplyExact(2, g.valueWidth())), false);
    long gates = linear(hidden, 2L * g.numValueHeads(), false);
    long conv = multiplyExact(g.convChannels(), g.convKernel());
    long perHead = 2L * g.numValueHeads() + g.valueHeadDim();
    long out = linear(g.valueWidth(), hidden, false);
    return addExact(addExact(inProj, gates), addExact(addExact(conv, perHead), out));
  }

  /**
   * Kimi Delta Attention as {@code KimiLinearDeltaAttention} stores it: q, k, v (hidden → H·d
   * each), conv1d (3·H·d × kernel, no bias), f_a (hidden → d), f_b (d → H·d), dt_bias (H·d),
   * A_log (H), b_proj (hidden → H), g_a (hidden → d), g_b (d → H·d), o_norm (d), o_proj (H·d → hidden).
   */
  private static long kimiDelta(KimiDeltaAttention k, long hidden) {
    long w = k.width();
    long d = k.headDim();
    long qkv = multiplyExact(3, linear(hidden, w, false));
    long conv = multiplyExact(3 * w, k.convKernel());
    long lowRankGates = multiplyExact(2, addExact(linear(hidden, d, false), linear(d, w, false)));
    long perChannel = addExact(addExact(w, k.numHeads()), d);
    long beta = linear(hidden, k.numHeads(), false);
    long out = linear(w, hidden, false);
    return addExact(addExact(addExact(qkv, conv), addExact(lowRankGates, perChannel)), addExact(beta, out));
  }

  /**
   * Mamba-2 as {@code GraniteMoeHybridMambaLayer}/{@code NemotronHMamba2Mixer}/{@code FalconH1Mixer} store it: in_proj
   * (hidden → 2I + 2GN + H), conv1d (I + 2GN channels × K, plus a bias per channel when
   * {@code convBias}), dt_bias, A_log and D (H each), gated RMSNorm (I; Falcon-H1 only with
   * {@code mamba_rms_norm}), out_proj (I → hidden).
   */
  private static long mamba2(Mamba2Mixer m, long hidden) {
    long inner = m.innerWidth();
    long inProj = linear(hidden, addExact(addExact(multiplyExact(2, inner), 2L * m.numGroups() * m.stateSize()),
        m.numHeads()), m.projectionBias());
    long conv = addExact(multiplyExact(m.convChannels(), m.convKernel()), m.convBias() ? m.convChannels() : 0);
    long perHead = 3L * m.numHeads();
    long out = linear(inner, hidden, m.projectionBias());
    return addExact(addExact(inProj, conv), addExact(addExact(perHead, m.gatedNorm() ? inner : 0), out));
  }

  /**
   * The lightning indexer of DeepSeek Sparse Attention ({@code DeepseekV32Indexer}): wq_b
   * (q_lora_rank → heads·d), wk (hidden → d), k_norm (LayerNorm with bias over d), weights_proj
   * (hidden → heads); no biases on the projections.
   */
  private static long indexer(LatentAttention mla, long hidden) {
    SparseIndexer ix = mla.indexer();
    long heads = ix.numHeads();
    long d = ix.headDim();
    long wq = linear(mla.qLoraRank() == 0 ? hidden : mla.qLoraRank(), multiplyExact(heads, d), false);
    return addExact(addExact(wq, linear(hidden, d, false)), addExact(2 * d, linear(hidden, heads, false)));
  }

  /**
   * q (hidden→H·d, twice that with an output gate), k and v (hidden→KV·d), o (H·d→hidden), q/k
   * norms, one sink per head.
   */
  private static long multiHead(MultiHeadAttention a, long hidden) {
    long q = linear(hidden, a.outputGate() ? multiplyExact(2, a.queryWidth()) : a.queryWidth(), a.qkvBias());
    long kv = multiplyExact(linear(hidden, a.keyValueWidth(), a.qkvBias()), 2);
    long o = linear(a.queryWidth(), hidden, a.outputBias());
    long params = addExact(addExact(q, kv), addExact(o, norms(a.qkNorms())));
    return addExact(params, a.sinks() ? a.numHeads() : 0);
  }

  /**
   * MLA as DeepSeek-V2/V3 checkpoints store it: {@code q_proj} (hidden→H·qk) or
   * {@code q_a_proj} (hidden→r_q), {@code q_a_layernorm} (r_q), {@code q_b_proj} (r_q→H·qk);
   * {@code kv_a_proj_with_mqa} (hidden→r_kv+rope), {@code kv_a_layernorm} (r_kv),
   * {@code kv_b_proj} (r_kv→H·(nope+v)); {@code o_proj} (H·v→hidden). Biases per
   * {@code attention_bias} on q_proj/q_a_proj, kv_a_proj_with_mqa and o_proj.
   */
  private static long latent(LatentAttention a, long hidden) {
    long heads = a.numHeads();
    long qOut = multiplyExact(heads, a.qkHeadDim());
    long q = a.qLoraRank() == 0
        ? linear(hidden, qOut, a.bias())
        : addExact(addExact(linear(hidden, a.qLoraRank(), a.bias()), a.qLoraRank()),
            linear(a.qLoraRank(), qOut, false));
    long kvA = addExact(linear(hidden, (long) a.kvLoraRank() + a.qkRopeHeadDim(), a.bias()),
        a.kvLoraRank());
    long kvB = linear(a.kvLoraRank(),
        multiplyExact(heads, (long) a.qkNopeHeadDim() + a.vHeadDim()), false);
    long o = linear(multiplyExact(heads, a.vHeadDim()), hidden, a.bias());
    return addExact(addExact(q, kvA), addExact(kvB, o));
  }
}
