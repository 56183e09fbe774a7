package dev.paramscope.count;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;
import static java.lang.Math.subtractExact;

import dev.paramscope.BadInputException;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiTokenPrediction;
import java.util.Locale;

/**
 * Exact learned-parameter counts from a normalized architecture.
 *
 * <p>What is counted is what the official checkpoint stores: every weight and bias of the
 * body, the output head once when tied, MoE router correction biases. Buffers (rotary
 * {@code inv_freq}, GPT-2's causal mask) are not parameters. Multi-token-prediction modules
 * are reported as {@link ParameterCount#extraParams()}, not in the total. A multimodal
 * checkpoint's vision encoder and projector, and its audio encoder with its projector, are in
 * the total (the checkpoint stores them) but not in the active count (they run on images and
 * audio, not per generated token).
 */
public final class ParameterCounter {
  private ParameterCounter() {}

  /**
   * Counts the parameters of {@code arch}.
   *
   * @throws BadInputException naming the model when a count does not fit in a long
   */
  public static ParameterCount count(ModelArchitecture arch) {
    try {
      return countExact(arch);
    } catch (ArithmeticException e) {
      throw new BadInputException(arch.name(),
          "parameter count overflows a 64-bit integer; the config's sizes are implausibly large", e);
    }
  }

  private static ParameterCount countExact(ModelArchitecture arch) {
    int hidden = arch.hiddenSize();
    long tokenEmbedding = multiplyExact((long) arch.vocabSize(), arch.embeddingSize());
    Tally tally = new Tally();
    tally.add(Component.EMBEDDINGS, tokenEmbedding);
    tally.add(Component.EMBEDDINGS, multiplyExact((long) arch.learnedPositions(), hidden));
    tally.add(Component.EMBEDDINGS, arch.extraEmbeddingParams());
    tally.add(Component.OTHER, arch.auxiliaryParams());
    tally.add(Component.NORMS, LayerCounter.norms(arch.embeddingNorms()));
    long inactiveExperts = 0;
    for (DecoderLayer layer : arch.layers()) {
      LayerCounter.addLayer(tally, layer, hidden);
      if (layer.feedForward() instanceof MixtureOfExperts moe) {
        long idle = (long) moe.numExperts() - moe.numExpertsPerTok();
        inactiveExperts = addExact(inactiveExperts,
            multiplyExact(idle, LayerCounter.expert(hidden, moe)));
      }
    }
    tally.add(Component.NORMS, LayerCounter.norms(arch.finalNorms()));
    if (!arch.tieWordEmbeddings()) {
      tally.add(Component.LM_HEAD, tokenEmbedding);
    }
    if (arch.lmHeadBias()) {
      tally.add(Component.LM_HEAD, arch.vocabSize());
    }
    if (arch.embeddingSize() != hidden) {
      // OPT project_in (word_embed_proj_dim -> hidden) and project_out (hidden -> word_embed_proj_dim), no bias.
      tally.add(Component.OTHER, multiplyExact(2L * arch.embeddingSize(), hidden));
    }
    arch.vision().ifPresent(v -> {
      tally.add(Component.VISION, v.encoderParams());
      tally.add(Component.PROJECTOR, v.projectorParams());
    });
    arch.audio().ifPresent(a -> tally.add(Component.AUDIO, a.params()));
    long total = tally.total();
    // The vision and audio towers run on image and audio inputs only, not per generated token.
    long active = subtractExact(subtractExact(total, inactiveExperts), addExact(tally.get(Component.AUDIO),
        addExact(tally.get(Component.VISION), tally.get(Component.PROJECTOR))));
    long activeExclEmbeddings = subtractExact(active,
        addExact(tally.get(Component.EMBEDDINGS), tally.get(Component.LM_HEAD)));
    long extra = 0;
    String extraDescription = "";
    if (arch.multiTokenPrediction() != null) {
      MultiTokenPrediction mtp = arch.multiTokenPrediction();
      extra = multiplyExact(mtpModule(arch, mtp), mtp.numLayers());
      extraDescription = String.format(Locale.ROOT, "%d multi-token-prediction layer%s%s",
          mtp.numLayers(), mtp.numLayers() == 1 ? "" : "s",
          mtp.storesEmbeddingAndHead() ? " (with their embedding and head copies)" : "");
    }
    return new ParameterCount(total, active, activeExclEmbeddings, tally.asMap(),
        arch.tieWordEmbeddings(), extra, extraDescription);
  }

  /**
   * One MTP module (DeepSeek-V3 paper section 2.2): enorm + hnorm (RMSNorm, hidden each),
   * eh_proj (2·hidden → hidden, no bias), a decoder layer, shared_head.norm (hidden) unless the
   * module stores none (ERNIE 4.5), and optionally embed_tokens and shared_head.head copies
   * (vocab × hidden each).
   */
  private static long mtpModule(ModelArchitecture arch, MultiTokenPrediction mtp) {
    long hidden = arch.hiddenSize();
    Tally layer = new Tally();
    LayerCounter.addLayer(layer, mtp.layer(), arch.hiddenSize());
    long params = addExact(layer.total(), multiplyExact(mtp.storesFinalNorm() ? 3 : 2, hidden));
    params = addExact(params, multiplyExact(2 * hidden, hidden));
    if (mtp.storesEmbeddingAndHead()) {
      params = addExact(params, multiplyExact(2L * arch.vocabSize(), hidden));
    }
    return params;
  }
}
