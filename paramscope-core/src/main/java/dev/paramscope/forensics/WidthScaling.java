package dev.paramscope.forensics;

import dev.paramscope.catalog.Catalog;
import dev.paramscope.catalog.CatalogEntry;
import dev.paramscope.count.Component;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.query.ModelSource;
import dev.paramscope.query.ResolvedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * How parameters follow the hidden width d in the catalog's open models, dense and mixture-of-
 * experts apart. A decoder's body holds L layers of about k·d² parameters each (attention ≈ 2–4 d²,
 * the FFN ≈ 2–3 × (FFN width / d) × d²), and depth grows with width (L/d), so
 * {@code body = (L/d) · k · d³ = c · d³}; the embeddings add V·d (tied) or 2·V·d. The fit is the
 * range of c, L/d and k over the models with {@code d ≥ MIN_WIDTH} (Kaplan et al. 2020, arXiv:2001.08361,
 * §2.1, for body ≈ 12·L·d² in the original transformer).
 *
 * @param kind {@code dense} or {@code moe}
 * @param models how many catalog models the fit is over
 * @param bodyPerWidthCubedLow smallest c = body parameters / d³ (total for dense, all experts for MoE)
 * @param bodyPerWidthCubedHigh largest c
 * @param activeBodyPerWidthCubedLow smallest active body / d³ (equals total for dense)
 * @param activeBodyPerWidthCubedHigh largest active body / d³
 * @param depthPerWidthLow smallest L / d
 * @param depthPerWidthHigh largest L / d
 * @param perLayerLow smallest k = body per layer / d² (active experts only)
 * @param perLayerHigh largest k
 * @param logSpread standard deviation of ln c over the models: the fit's spread
 */
public record WidthScaling(String kind, int models, double bodyPerWidthCubedLow, double bodyPerWidthCubedHigh,
    double activeBodyPerWidthCubedLow, double activeBodyPerWidthCubedHigh, double depthPerWidthLow,
    double depthPerWidthHigh, double perLayerLow, double perLayerHigh, double logSpread) {

  /** Models narrower than this are left out of the fit: small models are deep for their width. */
  public static final int MIN_WIDTH = 2048;

  /** The dense and MoE fits over the built-in catalog, in that order. */
  public static List<WidthScaling> fromCatalog() {
    List<double[]> dense = new ArrayList<>();
    List<double[]> moe = new ArrayList<>();
    for (CatalogEntry entry : Catalog.builtIn().entries()) {
      if (entry.config().isEmpty()) {
        continue;
      }
      ResolvedModel model = ModelSource.fromCatalog(entry, null);
      ModelArchitecture arch = model.architecture().orElseThrow();
      if (arch.hiddenSize() < MIN_WIDTH) {
        continue;
      }
      (arch.isMixtureOfExperts() ? moe : dense).add(ratios(arch, model.count().orElseThrow()));
    }
    return List.of(fit("dense", dense), fit("moe", moe));
  }

  /** {c, c_active, L/d, k} of one model. */
  static double[] ratios(ModelArchitecture arch, ParameterCount count) {
    double d = arch.hiddenSize();
    double body = count.totalParams() - count.params(Component.EMBEDDINGS) - count.params(Component.LM_HEAD);
    double activeBody = count.activeParamsExclEmbeddings();
    return new double[] {body / (d * d * d), activeBody / (d * d * d), arch.numLayers() / d,
        activeBody / (arch.numLayers() * d * d)};
  }

  static WidthScaling fit(String kind, List<double[]> rows) {
    if (rows.isEmpty()) {
      throw new IllegalStateException("no " + kind + " catalog models of width ≥ " + MIN_WIDTH + " to fit");
    }
    double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] hi = new double[4];
    double sumLog = 0;
    double sumLog2 = 0;
    for (double[] r : rows) {
      for (int i = 0; i < 4; i++) {
        lo[i] = Math.min(lo[i], r[i]);
        hi[i] = Math.max(hi[i], r[i]);
      }
      sumLog += Math.log(r[0]);
      sumLog2 += Math.log(r[0]) * Math.log(r[0]);
    }
    int n = rows.size();
    double mean = sumLog / n;
    double spread = Math.sqrt(Math.max(0, sumLog2 / n - mean * mean));
    return new WidthScaling(kind, n, lo[0], hi[0], lo[1], hi[1], lo[2], hi[2], lo[3], hi[3], spread);
  }

  /** Total parameters for widths in [widthLow, widthHigh] and a vocabulary: [low, high]. */
  public double[] totalParams(long widthLow, long widthHigh, long vocabulary) {
    return new double[] {bodyPerWidthCubedLow * cube(widthLow) + (double) vocabulary * widthLow,
        bodyPerWidthCubedHigh * cube(widthHigh) + 2.0 * vocabulary * widthHigh};
  }

  /** Active parameters per token (embeddings and head included) for the same widths: [low, high]. */
  public double[] activeParams(long widthLow, long widthHigh, long vocabulary) {
    return new double[] {activeBodyPerWidthCubedLow * cube(widthLow) + (double) vocabulary * widthLow,
        activeBodyPerWidthCubedHigh * cube(widthHigh) + 2.0 * vocabulary * widthHigh};
  }

  private static double cube(long w) {
    return (double) w * w * w;
  }
}
